#!/usr/bin/env bash
# The main job today: installs what is needed, builds, starts a private MariaDB and Redis on
# 127.0.0.1 (state kept in .dev-dataplane/ between runs), and runs `filewallball serve` in the foreground.
# Ctrl-C stops serve, then MariaDB and Redis (by pid).
#   bash hack/run-dataplane.sh            (release build; FWB_BUILD=debug for a faster first build)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
bash hack/install-deps.sh
export PATH="/opt/swift/usr/bin:$PATH"
CONFIG="${FWB_BUILD:-release}"
echo "== building ($CONFIG)"
swift build -c "$CONFIG" --product filewallball 2>&1 | tail -3
BIN="$(swift build -c "$CONFIG" --show-bin-path)/filewallball"

DEV="$ROOT/.dev-dataplane"
mkdir -p "$DEV/blobs"
eval "$(bash hack/mariadb-start.sh "$DEV/mariadb" | sed 's/^/export /')"
eval "$(bash hack/redis-start.sh "$DEV/redis" | sed 's/^/export /')"
cleanup() {
  bash hack/redis-stop.sh "$DEV/redis" || true
  bash hack/mariadb-stop.sh "$DEV/mariadb" || true
}
trap cleanup EXIT
umask 077
if [ ! -s "$DEV/admin.pwd" ]; then
  head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24 > "$DEV/admin.pwd"
fi
export FWB_BLOB_DIR="$DEV/blobs"
export FWB_BOOTSTRAP_ADMIN=admin
export FWB_BOOTSTRAP_PASSWORD_FILE="$DEV/admin.pwd"
export FWB_LISTEN="${FWB_LISTEN:-127.0.0.1:8080}"
export FWB_ADMIN_LISTEN="${FWB_ADMIN_LISTEN:-127.0.0.1:8081}"
cat <<MSG
== FileWallBall data plane
   file API    http://$FWB_LISTEN   (admin password in $DEV/admin.pwd, user 'admin')
   admin port  http://$FWB_ADMIN_LISTEN  (/metrics, /readyz, /api/v1/admin/...)
   MariaDB     127.0.0.1:$MARIADB_PORT   Redis 127.0.0.1:$REDIS_PORT
MSG
"$BIN" serve &
SERVE_PID=$!
trap 'kill -TERM $SERVE_PID 2>/dev/null; wait $SERVE_PID 2>/dev/null; cleanup' EXIT INT TERM
wait $SERVE_PID
