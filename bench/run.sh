#!/usr/bin/env bash
# Starts Tessera on its embedded default store in a temporary data directory, runs the
# benchmark scenarios against it and prints a summary table. See bench/README.md.
#
#   bench/run.sh [scenario ...]        default: cc-jwt cc-opaque introspect
#
# Environment: PRELOAD (tokens, default 1000000, 0 skips), COLD_TOKENS (forward-auth-cold, 200000), WARMUP (s, 5), DURATION (s, 15),
# CONCURRENCY (32), SIGNIN_CONCURRENCY (4), ATTACKERS (16), ATTACK_TOKEN_RATE (200), THREADS (selector threads, 1), BENCH_OPTS (extra bench options),
# SERVER_JAVA_OPTS, BENCH_JVM_OPTS, SERVER_JAR (use another server jar), JAVA_HOME.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAVA=java
if [ -n "${JAVA_HOME:-}" ]; then JAVA=$JAVA_HOME/bin/java; fi
DEFAULT_SERVER_JAR=$ROOT/server/target/tessera-server.jar
SERVER_JAR=${SERVER_JAR:-$DEFAULT_SERVER_JAR}
BENCH_JAR=$ROOT/bench/target/tessera-bench.jar
PRELOAD=${PRELOAD:-1000000}
COLD_TOKENS=${COLD_TOKENS:-200000}
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-15}
CONCURRENCY=${CONCURRENCY:-32}
SIGNIN_CONCURRENCY=${SIGNIN_CONCURRENCY:-4}
ATTACKERS=${ATTACKERS:-16}
ATTACK_TOKEN_RATE=${ATTACK_TOKEN_RATE:-200}
THREADS=${THREADS:-1}
BENCH_OPTS=${BENCH_OPTS:-}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--XX:+UseParallelGC -Xmn64m}   # as ./tessera start
BENCH_JVM_OPTS=${BENCH_JVM_OPTS:--XX:+UseSerialGC -Xms64m -Xmx256m}

scenarios=("$@")
if [ ${#scenarios[@]} -eq 0 ]; then scenarios=(cc-jwt cc-opaque introspect); fi
# refresh and signin sign in the dev-mode demo user with the demo-spa client
dev=false
proxies=none
for s in "${scenarios[@]}"; do
  case $s in refresh|signin) dev=true ;; signin-attack) dev=true; proxies=127.0.0.1 ;; esac
done

stale() { # jar, sources...: true if the jar is missing or older than any source
  local jar=$1; shift
  [ ! -f "$jar" ] || [ -n "$(find "$@" -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}

# --- build if needed -------------------------------------------------------------------------
if [ "$SERVER_JAR" = "$DEFAULT_SERVER_JAR" ]; then
  if stale "$SERVER_JAR" "$ROOT/pom.xml" "$ROOT/server/pom.xml" "$ROOT/server/src/main" \
     || stale "$BENCH_JAR" "$ROOT/bench/pom.xml" "$ROOT/bench/src"; then
    echo "building (./mvnw -q -B -DskipTests package)"
    (cd "$ROOT" && ./mvnw -q -B -DskipTests package)
  fi
elif stale "$BENCH_JAR" "$ROOT/bench/pom.xml" "$ROOT/bench/src"; then
  echo "building bench (./mvnw -q -B -pl bench package)"
  (cd "$ROOT" && ./mvnw -q -B -pl bench package)
fi
[ -f "$SERVER_JAR" ] || { echo "missing $SERVER_JAR" >&2; exit 1; }

bench_tool() { "$JAVA" $BENCH_JVM_OPTS -jar "$BENCH_JAR" "$@"; }

# --- start the server ------------------------------------------------------------------------
tmp=$(mktemp -d -t tessera-bench.XXXXXX)
log=$(mktemp -t tessera-server.XXXXXX.log)
results=$(mktemp -t tessera-results.XXXXXX)
tmp_step=$(mktemp -t tessera-step.XXXXXX)
server_pid=
cleanup() {
  if [ -n "${bench_pid:-}" ]; then kill "$bench_pid" 2>/dev/null || true; fi
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp" "$log" "$results" "$tmp_step"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port=$(bench_tool free-port)
URL=http://127.0.0.1:$port
export TESSERA_ADMIN_CLIENT_ID=bench-admin
TESSERA_ADMIN_CLIENT_SECRET=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
export TESSERA_ADMIN_CLIENT_SECRET # 43 base64url characters

echo "starting $SERVER_JAR on $URL (data dir $tmp$([ "$dev" = true ] && echo ", dev mode"))"
TESSERA_DATA_DIR=$tmp TESSERA_HTTP_PORT=$port TESSERA_DEV=$dev TESSERA_TRUSTED_PROXIES=$proxies \
  "$JAVA" $SERVER_JAVA_OPTS -jar "$SERVER_JAR" start >"$log" 2>&1 &
server_pid=$!
if ! bench_tool wait-ready --url "$URL" --timeout 60 --pid "$server_pid"; then
  echo "server did not become ready; last log lines:" >&2
  tail -n 50 "$log" >&2
  exit 1
fi
echo "server ready (pid $server_pid)"
if [ "$dev" = true ]; then
  # Dev mode prints "  User: demo / <password>" on stderr once it is listening.
  password=
  for _ in $(seq 1 100); do
    password=$(sed -n 's#^ *User: demo / \([^ ]*\).*#\1#p' "$log" | head -n 1)
    [ -n "$password" ] && break
    sleep 0.2
  done
  [ -n "$password" ] || { echo "no 'User: demo / ...' line in the server output" >&2; exit 1; }
  export TESSERA_BENCH_PASSWORD=$password
fi

# --- scenarios -------------------------------------------------------------------------------
failures=0
bench_pid=
run() { # label, bench options...
  local label=$1 step=$tmp_step; shift
  echo
  echo "=== $label"
  # Runs in the background so that a signal to this script is handled at once.
  "$JAVA" $BENCH_JVM_OPTS -jar "$BENCH_JAR" --url "$URL" --concurrency "$CONCURRENCY" --threads "$THREADS" \
    --warmup "$WARMUP" --duration "$DURATION" $BENCH_OPTS --label "$label" "$@" >"$step" 2>&1 &
  bench_pid=$!
  if wait "$bench_pid"; then
    tee -a "$results" <"$step"
  else
    cat "$step"
    echo "FAILED: $label" | tee -a "$results"
    failures=$((failures + 1))
  fi
  bench_pid=
}
peak() { # label -> last measured req/s
  awk -v l="$1" '$1 == "RESULT" && $2 == "name=" l { for (i = 3; i <= NF; i++) if ($i ~ /^rps=/) v = substr($i, 5) } END { print v + 0 }' "$results"
}
half() { awk -v v="$1" 'BEGIN { printf "%.0f", v / 2 }'; }

for s in "${scenarios[@]}"; do
  case $s in
    cc-jwt)
      run cc-jwt --scenario cc-jwt
      rate=$(half "$(peak cc-jwt)")
      if [ "$rate" -gt 0 ]; then run "cc-jwt@half" --scenario cc-jwt --rate "$rate"; fi
      ;;
    introspect)
      run introspect --scenario introspect
      rate=$(half "$(peak introspect)")
      if [ "$rate" -gt 0 ]; then run "introspect@half" --scenario introspect --rate "$rate"; fi
      if [ "$PRELOAD" -gt 0 ]; then
        run "preload-$PRELOAD" --scenario preload --count "$PRELOAD" --duration 3600
        run "introspect-after-preload" --scenario introspect
        if [ "$rate" -gt 0 ]; then run "introspect@half-after-preload" --scenario introspect --rate "$rate"; fi
      fi
      ;;
    preload)
      run "preload-$PRELOAD" --scenario preload --count "$PRELOAD" --duration 3600
      ;;
    forward-auth)
      run forward-auth --scenario forward-auth
      rate=$(half "$(peak forward-auth)")
      if [ "$rate" -gt 0 ]; then run "forward-auth@half" --scenario forward-auth --rate "$rate"; fi
      ;;
    forward-auth-cold)
      run forward-auth-cold --scenario forward-auth-cold --count "$COLD_TOKENS"
      ;;
    refresh)
      run refresh --scenario refresh
      rate=$(half "$(peak refresh)")
      if [ "$rate" -gt 0 ]; then run "refresh@half" --scenario refresh --rate "$rate"; fi
      ;;
    signin)
      run signin --scenario signin --concurrency "$SIGNIN_CONCURRENCY"
      ;;
    signin-attack)
      run signin-attack --scenario signin-attack --rate "$ATTACK_TOKEN_RATE" --concurrency 8 --attackers "$ATTACKERS"
      ;;
    *)
      run "$s" --scenario "$s"
      ;;
  esac
done

# --- summary ---------------------------------------------------------------------------------
echo
echo "=== summary"
"$JAVA" -version 2>&1
echo "cpu: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')"
echo "load generator shares the machine with the server; $CONCURRENCY connections, $THREADS selector thread(s)"
echo "latencies in ms; '@half' runs use a fixed rate of half the measured closed-loop peak"
for s in "${scenarios[@]}"; do
  if [ "$s" = signin ]; then
    echo "signin: req/s = complete sign-ins/s ($SIGNIN_CONCURRENCY concurrent, 3 requests each), latency per sign-in"
  fi
done
echo
awk '
  BEGIN { fmt = "%-30s %8s %10s %9s %7s %8s %8s %8s %8s %8s %8s\n"
          printf fmt, "scenario", "target/s", "req/s", "requests", "errors", "p50", "p90", "p99", "p99.9", "max", "secs" }
  $1 == "RESULT" {
    delete f
    for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    target = f["rate"] > 0 ? f["rate"] : "-"
    errors = f["errors"]
    if (f["unsent"] > 0) { errors = errors "+" f["unsent"] "u"; unsent = 1 }
    printf fmt, f["name"], target, f["rps"], f["total"], errors, f["p50"], f["p90"], f["p99"], f["p999"], f["max"], f["secs"]
  }
  $1 == "FAILED:" { printf "%-30s failed\n", $2 }
  END { if (unsent) print "(+Nu: N paced requests were never sent; the target rate was not reached)" }
' "$results"
exit $((failures > 0))
