#!/usr/bin/env bash
# Compares two server jars in one run on the same machine: runs bench/run.sh with each jar in turn,
# ROUNDS times (A B A B …, so that drift of a shared machine hits both alike), and prints every
# scenario's peak req/s, p99 and the server's CPU time per request (read from its /metrics: steadier than
# req/s when neighbours share the machine) per round, and their medians side by side. See bench/README.md.
#
#   bench/compare.sh BEFORE_JAR AFTER_JAR [scenario ...]     default scenarios: cc-jwt cc-opaque introspect forward-auth
#
# Environment: ROUNDS (default 2), and everything bench/run.sh reads (PRELOAD defaults to 0 here).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -ge 2 ] || { echo "usage: bench/compare.sh BEFORE_JAR AFTER_JAR [scenario ...]" >&2; exit 2; }
before=$(readlink -f "$1"); after=$(readlink -f "$2"); shift 2
scenarios=("$@")
if [ ${#scenarios[@]} -eq 0 ]; then scenarios=(cc-jwt cc-opaque introspect forward-auth); fi
ROUNDS=${ROUNDS:-2}
export PRELOAD=${PRELOAD:-0}
out=$(mktemp -t tessera-compare.XXXXXX)
trap 'rm -f "$out"' EXIT

for round in $(seq 1 "$ROUNDS"); do
  for side in before after; do
    jar=$before; [ "$side" = after ] && jar=$after
    echo "=== round $round: $side ($jar)"
    log=$(mktemp -t tessera-compare-run.XXXXXX)
    if ! SERVER_JAR=$jar "$ROOT/bench/run.sh" "${scenarios[@]}" >"$log" 2>&1; then
      echo "bench/run.sh failed; its last lines:"; tail -n 20 "$log"
    fi
    grep "^RESULT" "$log" | sed "s/^/$side $round /" | tee -a "$out"
    rm -f "$log"
  done
done
echo
echo "=== comparison ($ROUNDS rounds, alternating; $(nproc) cores shared by server and load generator)"
awk '
  { side = $1; round = $2; delete f
    for (i = 4; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    key = f["name"]; if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    rps[key, side, round] = f["rps"]; p99[key, side, round] = f["p99"]
    if ("srvcpu" in f) cpu[key, side, round] = f["srvcpu"] * 1000; rounds = round > rounds ? round : rounds }
  function median(key, side, arr,   vals, m, i, j, t, k) {
    m = 0; for (i = 1; i <= rounds; i++) { k = key SUBSEP side SUBSEP i; if (k in arr) vals[++m] = arr[k] + 0 }
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (vals[j] < vals[i]) { t = vals[i]; vals[i] = vals[j]; vals[j] = t }
    if (m == 0) return 0
    return m % 2 ? vals[(m + 1) / 2] : (vals[m / 2] + vals[m / 2 + 1]) / 2 }
  END {
    # the server CPU per request, where the scenario measures it
    printf "%-30s %12s %12s %8s %10s %10s %12s %12s\n", "scenario", "before req/s", "after req/s", "change", "before p99", \
      "after p99", "before cpu/req", "after cpu/req"
    for (k = 1; k <= n; k++) { key = order[k]; b = median(key, "before", rps); a = median(key, "after", rps)
      cb = median(key, "before", cpu); ca = median(key, "after", cpu)
      printf "%-30s %12.0f %12.0f %7.1f%% %10.2f %10.2f %10s µs %10s µs\n", key, b, a, (b > 0 ? (a - b) * 100 / b : 0),
        median(key, "before", p99), median(key, "after", p99), (cb > 0 ? sprintf("%.1f", cb) : "-"), (ca > 0 ? sprintf("%.1f", ca) : "-")
      for (i = 1; i <= rounds; i++) printf "  round %d: %s / %s req/s\n", i, rps[key, "before", i], rps[key, "after", i] }
  }' "$out"
