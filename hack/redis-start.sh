#!/usr/bin/env bash
# Starts (or restarts) a private Redis for tests and local runs.
#   hack/redis-start.sh DIR
# First start picks a free 127.0.0.1 port and generates a password; later starts reuse both.
# Cache policy of the design document: maxmemory 256mb, allkeys-lru. No persistence.
# Prints KEY=VALUE lines (also in DIR/env): FWB_REDIS_URL, REDIS_PORT, REDIS_PID_FILE
set -euo pipefail
# Close descriptors inherited from the caller (Foundation's Process passes one of its own) so the
# daemon started below does not keep them open and block whoever waits for this script's output.
for fd in /proc/$$/fd/*; do n="${fd##*/}"; case "$n" in 0|1|2|255) ;; *) eval "exec $n>&-" 2>/dev/null || true ;; esac; done
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/lib.sh"
DIR="${1:?usage: redis-start.sh DIR}"
mkdir -p "$DIR"; DIR="$(cd "$DIR" && pwd)"
PIDF="$DIR/redis.pid"
command -v redis-server >/dev/null || { echo "redis-start: redis-server missing; run hack/install-deps.sh" >&2; exit 3; }
if [ -f "$PIDF" ] && alive "$(cat "$PIDF")"; then cat "$DIR/env"; exit 0; fi
umask 077
[ -f "$DIR/port" ] || free_port > "$DIR/port"
[ -f "$DIR/redis.pwd" ] || gen_secret > "$DIR/redis.pwd"
PORT="$(cat "$DIR/port")"; PW="$(cat "$DIR/redis.pwd")"
cat > "$DIR/redis.conf" <<CONF
bind 127.0.0.1
port $PORT
protected-mode yes
requirepass $PW
dir $DIR
pidfile $PIDF
logfile $DIR/redis.log
daemonize no
save ""
appendonly no
maxmemory 256mb
maxmemory-policy allkeys-lru
maxclients 4000
CONF
with_default_signals setsid redis-server "$DIR/redis.conf" < /dev/null > /dev/null 2>&1 &
echo $! > "$PIDF"
for _ in $(seq 1 100); do
  if REDISCLI_AUTH="$PW" redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG; then break; fi
  sleep 0.05
done
REDISCLI_AUTH="$PW" redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG || { echo "redis-start: server did not come up; see $DIR/redis.log" >&2; exit 1; }
cat > "$DIR/env" <<ENV
FWB_REDIS_URL=redis://:$PW@127.0.0.1:$PORT/0
REDIS_PORT=$PORT
REDIS_PID_FILE=$PIDF
REDIS_DIR=$DIR
ENV
cat "$DIR/env"
