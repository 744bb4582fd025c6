#!/usr/bin/env bash
# Starts the whole example on loopback, one origin behind NGINX:
#   NGINX   http://127.0.0.1:$NGINX_PORT   /t/ → Tessera, /api/ → sample API (phantom token), / → SPA
#   Tessera 127.0.0.1:$TESSERA_HTTP_PORT (dev mode, TESSERA_PUBLIC_URL = the NGINX URL)
#   sample API 127.0.0.1:$API_PORT
# registers an API client and the SPA's token-handler app, prints what to try, and stops everything
# on Ctrl-C. Needs a JDK 17+, nginx and curl. Every start is fresh: state lives in examples/nginx/.run.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NGINX_PORT=${NGINX_PORT:-8000}
TESSERA_HTTP_PORT=${TESSERA_HTTP_PORT:-8080}
API_PORT=${API_PORT:-9090}
TENANT=${TENANT:-demo}
APP=${APP:-spa}
COOKIE_PREFIX=${COOKIE_PREFIX:-$TENANT-$APP}
RUN_DIR=${RUN_DIR:-$ROOT/examples/nginx/.run}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
PUBLIC=http://127.0.0.1:$NGINX_PORT
ISSUER=$PUBLIC/t/$TENANT
TESSERA=http://127.0.0.1:$TESSERA_HTTP_PORT

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }
json_field() { sed -E "s/.*\"$1\":\"([^\"]+)\".*/\1/"; }   # good enough for Tessera's flat JSON answers

command -v curl >/dev/null || die "curl is needed"
[ -x "$NGINX" ] || die "nginx not found (install it, or set NGINX=/path/to/nginx)"
"$JAVA" -version >/dev/null 2>&1 || die "a JDK 17+ is needed (java on the PATH, or JAVA_HOME)"
for port in "$NGINX_PORT" "$TESSERA_HTTP_PORT" "$API_PORT"; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then die "port $port is in use (set NGINX_PORT, TESSERA_HTTP_PORT or API_PORT)"; fi
done

pids=()
cleanup() {
  trap - EXIT INT TERM
  if [ ${#pids[@]} -gt 0 ]; then
    say "stopping"
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

# ---- build what is missing ------------------------------------------------------------------------
cd "$ROOT"
if [ ! -f examples/sample-api/target/sample-api.jar ]; then
  say "building the sample API"
  ./mvnw -q -B -DskipTests package -pl examples/sample-api -am
fi

rm -rf "$RUN_DIR/data" "$RUN_DIR/nginx"
mkdir -p "$RUN_DIR/data" "$RUN_DIR/nginx/logs" "$RUN_DIR/nginx/tmp" "$RUN_DIR/nginx/cache"
chmod 700 "$RUN_DIR/nginx/cache"   # cached forward-auth answers hold credentials

# ---- Tessera ---------------------------------------------------------------------------------------
ADMIN_SECRET=${TESSERA_ADMIN_CLIENT_SECRET:-$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')}
say "starting Tessera on $TESSERA (public URL $PUBLIC; log $RUN_DIR/tessera.log; the first start builds it)"
TESSERA_HTTP_HOST=127.0.0.1 TESSERA_HTTP_PORT=$TESSERA_HTTP_PORT TESSERA_PUBLIC_URL=$PUBLIC \
  TESSERA_DATA_DIR=$RUN_DIR/data TESSERA_ADMIN_CLIENT_SECRET=$ADMIN_SECRET \
  ./tessera start --dev >"$RUN_DIR/tessera.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do
  curl -sf -o /dev/null "$TESSERA/health/ready" && break
  kill -0 "${pids[0]}" 2>/dev/null || die "Tessera stopped; see $RUN_DIR/tessera.log"
  sleep 1
done
curl -sf -o /dev/null "$TESSERA/health/ready" || die "Tessera is not ready; see $RUN_DIR/tessera.log"

# ---- sample API ------------------------------------------------------------------------------------
say "starting the sample API on 127.0.0.1:$API_PORT (log $RUN_DIR/api.log)"
"$JAVA" -jar examples/sample-api/target/sample-api.jar --port "$API_PORT" --tessera "$PUBLIC" --tenant "$TENANT" \
  >"$RUN_DIR/api.log" 2>&1 &
pids+=($!)

# ---- NGINX -----------------------------------------------------------------------------------------
esc() { printf '%s' "$1" | sed -e 's/[\\#&]/\\&/g'; }
sed -e "s#@LISTEN@#$(esc "127.0.0.1:$NGINX_PORT")#g" \
    -e "s#@TESSERA@#$(esc "127.0.0.1:$TESSERA_HTTP_PORT")#g" \
    -e "s#@API@#$(esc "127.0.0.1:$API_PORT")#g" \
    -e "s#@TENANT@#$(esc "$TENANT")#g" \
    -e "s#@APP@#$(esc "$APP")#g" \
    -e "s#@COOKIE_PREFIX@#$(esc "$COOKIE_PREFIX")#g" \
    -e "s#@SPA_ROOT@#$(esc "$ROOT/examples/spa")#g" \
    -e "s#@CACHE_DIR@#$(esc "$RUN_DIR/nginx/cache")#g" \
    examples/nginx/nginx.conf.template >"$RUN_DIR/nginx/nginx.conf"
# As root (a container, say), NGINX would run its workers as "nobody", who may not read the files here.
GLOBALS="daemon off;"
[ "$(id -u)" = 0 ] && GLOBALS="$GLOBALS user root;"
NGINX_ARGS=(-p "$RUN_DIR/nginx" -e "$RUN_DIR/nginx/logs/error.log" -c "$RUN_DIR/nginx/nginx.conf" -g "$GLOBALS")
"$NGINX" -t -q "${NGINX_ARGS[@]}" || die "nginx rejected $RUN_DIR/nginx/nginx.conf"
say "starting NGINX on $PUBLIC (logs $RUN_DIR/nginx/logs)"
"$NGINX" "${NGINX_ARGS[@]}" &
pids+=($!)
for _ in $(seq 1 50); do
  curl -sf -o /dev/null "$PUBLIC/api/health" && break
  sleep 0.2
done
curl -sf -o /dev/null "$PUBLIC/api/health" || die "NGINX or the sample API is not answering; see $RUN_DIR"

# ---- registrations (admin API, CONTRACT §3 and §6.2) -----------------------------------------------
ADMIN=$(curl -sf -u "tessera-admin:$ADMIN_SECRET" -d grant_type=client_credentials -d scope=admin \
  "$TESSERA/t/system/token" | json_field access_token)
CLI=$(curl -sf "$TESSERA/t/$TENANT/register" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"client_name": "Orders CLI", "grant_types": ["client_credentials"], "scope": "orders:read orders:write"}')
CLI_ID=$(echo "$CLI" | json_field client_id)
CLI_SECRET=$(echo "$CLI" | json_field client_secret)
SPA=$(curl -sf "$TESSERA/t/$TENANT/register" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d "{\"client_name\": \"Orders SPA\", \"grant_types\": [\"authorization_code\", \"refresh_token\"],
       \"redirect_uris\": [\"$PUBLIC/\"], \"post_logout_redirect_uris\": [\"$PUBLIC/\"],
       \"scope\": \"openid profile orders:read orders:write\"}")
SPA_ID=$(echo "$SPA" | json_field client_id)
TH_STATUS=$(curl -s -o "$RUN_DIR/token-handler.json" -w '%{http_code}' -X PUT "$TESSERA/admin/v1/tenants/$TENANT/token-handlers/$APP" \
  -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d "{\"clientId\": \"$SPA_ID\", \"webOrigins\": [\"$PUBLIC\"], \"cookiePrefix\": \"$COOKIE_PREFIX\",
       \"cookiePath\": \"/\", \"redirectUri\": \"$PUBLIC/\", \"scope\": \"openid profile orders:read orders:write\"}")
PASSWORD=$(sed -n -E 's/.*User: demo \/ ([^ ]+).*/\1/p' "$RUN_DIR/tessera.log" | head -1)

cat <<EOF

Ready. Everything is on one origin: $PUBLIC

  SPA          $PUBLIC/   (sign in as demo / $PASSWORD)
  Tessera      $ISSUER/.well-known/openid-configuration
  sample API   $PUBLIC/api/t/$TENANT/orders  (through forward-auth; directly: http://127.0.0.1:$API_PORT)
EOF
if [ "$TH_STATUS" != 200 ] && [ "$TH_STATUS" != 201 ]; then
  echo "  (the token-handler app could not be registered: HTTP $TH_STATUS; this Tessera may predate the token handler)"
fi
cat <<EOF

Phantom token: an opaque token in, the API gets a JWT (its answer shows the claims it verified):

  CLIENT_ID='$CLI_ID' CLIENT_SECRET='$CLI_SECRET'
  TOKEN=\$(curl -s -u "\$CLIENT_ID:\$CLIENT_SECRET" -d grant_type=client_credentials -d scope=orders:read $ISSUER/token | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  curl -i -H "Authorization: Bearer \$TOKEN" $PUBLIC/api/t/$TENANT/orders            # 200, X-Forward-Auth-Cache: MISS, then HIT
  curl -i -X POST -H "Authorization: Bearer \$TOKEN" $PUBLIC/api/t/$TENANT/orders    # 403 insufficient_scope (orders:write)
  curl -i $PUBLIC/api/t/$TENANT/orders                                              # 401, WWW-Authenticate: Bearer realm=…

Admin token (tenant system, scope admin), valid for a few minutes:  ADMIN=$ADMIN
Logs and state: $RUN_DIR. Ctrl-C stops everything.
EOF

all_running() { for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || return 1; done; }
while all_running; do sleep 1; done
say "a process stopped; see the logs in $RUN_DIR"
