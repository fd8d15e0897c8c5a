#!/usr/bin/env bash
# The OpenAPI conformance run: starts a private MariaDB and Redis and `filewallball serve` on free
# 127.0.0.1 ports, logs in as the bootstrap admin, and runs schemathesis (`--checks all`, bounded and
# seeded) against the public document (/openapi.json) and the admin one (admin port /openapi.json).
# Logout is excluded so the session survives the run. Exits non-zero on any failure.
#   bash tests/openapi/run.sh          (FWB_BIN: the filewallball binary; default: the debug build)
# Knobs: FWB_OPENAPI_MAX_EXAMPLES (default 50), FWB_OPENAPI_SEED (default 20261202).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
. hack/lib.sh
export PATH="/opt/swift/usr/bin:$PATH"
BIN="${FWB_BIN:-$(swift build --show-bin-path)/filewallball}"
[ -x "$BIN" ] || { echo "openapi: $BIN is missing; build first" >&2; exit 2; }
VENV="$(bash hack/openapi-venv.sh | tail -1)"
MAX_EXAMPLES="${FWB_OPENAPI_MAX_EXAMPLES:-50}"
SEED="${FWB_OPENAPI_SEED:-20261202}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/fwb-openapi.XXXXXX")"
cleanup() {
  stop_pid "$WORK/serve.pid"
  bash hack/redis-stop.sh "$WORK/redis" --purge >/dev/null 2>&1 || true
  bash hack/mariadb-stop.sh "$WORK/mariadb" --purge >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

eval "$(bash hack/mariadb-start.sh "$WORK/mariadb" | sed 's/^/export /')"
eval "$(bash hack/redis-start.sh "$WORK/redis" | sed 's/^/export /')"
umask 077
gen_secret > "$WORK/admin.pwd"
mkdir -p "$WORK/blobs"
PORT="$(free_port)"
ADMIN_PORT="$(free_port)"
while [ "$ADMIN_PORT" = "$PORT" ]; do ADMIN_PORT="$(free_port)"; done
FWB_BLOB_DIR="$WORK/blobs" FWB_BOOTSTRAP_ADMIN=admin FWB_BOOTSTRAP_PASSWORD_FILE="$WORK/admin.pwd" \
  FWB_LISTEN="127.0.0.1:$PORT" FWB_ADMIN_LISTEN="127.0.0.1:$ADMIN_PORT" FWB_MAX_UPLOAD_BYTES=1048576 \
  "$BIN" serve > "$WORK/serve.log" 2>&1 &
echo $! > "$WORK/serve.pid"
API="http://127.0.0.1:$PORT"
ADMIN="http://127.0.0.1:$ADMIN_PORT"
for _ in $(seq 1 600); do
  if curl -fs "$API/readyz" >/dev/null 2>&1 && curl -fs "$ADMIN/readyz" >/dev/null 2>&1; then break; fi
  alive "$(cat "$WORK/serve.pid")" || { echo "openapi: serve exited" >&2; tail -20 "$WORK/serve.log" >&2; exit 1; }
  sleep 0.1
done
TOKEN="$(python3 - "$API" "$WORK/admin.pwd" <<'PY'
import json, sys, urllib.request
api, password_file = sys.argv[1], sys.argv[2]
body = json.dumps({"username": "admin", "password": open(password_file).read().strip()}).encode()
request = urllib.request.Request(api + "/api/v1/auth/login", data=body, headers={"Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(request, timeout=30))["token"])
PY
)"

# run NAME URL [schemathesis options]: one schemathesis run; its JUnit report goes to $WORK/NAME.xml.
run() {
  local name="$1" url="$2"; shift 2
  echo "== schemathesis: $name ($url)"
  "$VENV/bin/schemathesis" --config-file tests/openapi/schemathesis.toml run "$url" \
    --checks all --max-examples "$MAX_EXAMPLES" --seed "$SEED" --workers 1 --no-color \
    --generation-database none --request-timeout 20 --max-failures 100 \
    -H "Authorization: Bearer $TOKEN" \
    --report junit --report-junit-path "$WORK/$name.xml" "$@"
}
status=0
run public "$API/openapi.json" --exclude-operation-id logout || status=1
run admin "$ADMIN/openapi.json" || status=1

# The closing line: operations tested and failures, from the JUnit reports.
python3 - "$status" "$WORK/public.xml" "$WORK/admin.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
status = int(sys.argv[1])
parts, failed = [], 0
for path in sys.argv[2:]:
    name = path.rsplit("/", 1)[-1][:-4]
    try:
        cases = list(ET.parse(path).getroot().iter("testcase"))
    except (OSError, ET.ParseError):
        parts.append(f"{name}: no report"); failed += 1; continue
    bad = sum(1 for case in cases if case.find("failure") is not None or case.find("error") is not None)
    failed += bad
    parts.append(f"{name}: {len(cases)} operations, {bad} failing")
verdict = "PASS" if status == 0 and failed == 0 else "FAIL"
print(f"openapi conformance {verdict}: " + "; ".join(parts))
PY
if [ "$status" -ne 0 ]; then
  echo "--- serve log (last 30 lines)"; tail -30 "$WORK/serve.log"
fi
exit $status
