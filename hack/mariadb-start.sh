#!/usr/bin/env bash
# Starts (or restarts) a private MariaDB server for tests and local runs.
#   hack/mariadb-start.sh DIR
# DIR holds the data directory, socket, pid file and generated passwords. The first start initialises
# it, creates database `filewallball` and user `fwb` with a generated password; later starts reuse the
# same data, port and passwords (so tests can restart the server mid-test). Listens on 127.0.0.1 only.
# Prints shell-style KEY=VALUE lines (also written to DIR/env):
#   FWB_DATABASE_URL, MARIADB_PORT, MARIADB_SOCKET, MARIADB_PID_FILE, MARIADB_ROOT_PASSWORD_FILE
set -euo pipefail
# Close descriptors inherited from the caller (Foundation's Process passes one of its own) so the
# daemon started below does not keep them open and block whoever waits for this script's output.
for fd in /proc/$$/fd/*; do n="${fd##*/}"; case "$n" in 0|1|2|255) ;; *) eval "exec $n>&-" 2>/dev/null || true ;; esac; done
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/lib.sh"
DIR="${1:?usage: mariadb-start.sh DIR}"
mkdir -p "$DIR"; DIR="$(cd "$DIR" && pwd)"
SOCK="$DIR/mysqld.sock"; PIDF="$DIR/mariadb.pid"

for b in mariadbd mariadb-install-db mariadb-admin mariadb; do
  command -v "$b" >/dev/null || [ -x "/usr/sbin/$b" ] || { echo "mariadb-start: $b missing; run hack/install-deps.sh" >&2; exit 3; }
done
MARIADBD="$(command -v mariadbd || echo /usr/sbin/mariadbd)"

if [ -f "$PIDF" ] && alive "$(cat "$PIDF")"; then
  cat "$DIR/env"; exit 0
fi
[ -f "$DIR/port" ] || free_port > "$DIR/port"
PORT="$(cat "$DIR/port")"
RUN_AS=(); [ "$(id -u)" -eq 0 ] && RUN_AS=(--user=root)

fresh=0
if [ ! -d "$DIR/data/mysql" ]; then
  fresh=1
  mkdir -p "$DIR/tmp"
  mariadb-install-db --no-defaults "${RUN_AS[@]}" --datadir="$DIR/data" --tmpdir="$DIR/tmp" --auth-root-authentication-method=socket \
    --skip-test-db > "$DIR/install.log" 2>&1 || { cat "$DIR/install.log" >&2; exit 1; }
fi

mkdir -p "$DIR/tmp"
with_default_signals setsid "$MARIADBD" --no-defaults "${RUN_AS[@]}" --datadir="$DIR/data" --tmpdir="$DIR/tmp" --socket="$SOCK" --port="$PORT" \
  --bind-address=127.0.0.1 --pid-file="$PIDF" --log-error="$DIR/error.log" --skip-name-resolve \
  --innodb-buffer-pool-size=256M --innodb-log-file-size=64M --max-connections=500 \
  --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
  < /dev/null > /dev/null 2>&1 &

for _ in $(seq 1 300); do
  if mariadb-admin --no-defaults --socket="$SOCK" -uroot ping >/dev/null 2>&1; then break; fi
  sleep 0.1
done
mariadb-admin --no-defaults --socket="$SOCK" -uroot ping >/dev/null 2>&1 || { echo "mariadb-start: server did not come up; see $DIR/error.log" >&2; tail -20 "$DIR/error.log" >&2; exit 1; }

if [ "$fresh" -eq 1 ] || [ ! -f "$DIR/fwb.pwd" ]; then
  umask 077
  gen_secret > "$DIR/fwb.pwd"
  PW="$(cat "$DIR/fwb.pwd")"
  # Test user: all rights on the project's database and its scratch/staging databases (filewallball_*).
  mariadb --no-defaults --socket="$SOCK" -uroot <<SQL
CREATE DATABASE IF NOT EXISTS filewallball CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'fwb'@'127.0.0.1' IDENTIFIED BY '$PW';
CREATE USER IF NOT EXISTS 'fwb'@'localhost' IDENTIFIED BY '$PW';
GRANT ALL PRIVILEGES ON \`filewallball\`.* TO 'fwb'@'127.0.0.1', 'fwb'@'localhost';
GRANT ALL PRIVILEGES ON \`filewallball\_%\`.* TO 'fwb'@'127.0.0.1', 'fwb'@'localhost';
GRANT PROCESS, RELOAD ON *.* TO 'fwb'@'127.0.0.1', 'fwb'@'localhost';
FLUSH PRIVILEGES;
SQL
fi
PW="$(cat "$DIR/fwb.pwd")"
umask 077
cat > "$DIR/env" <<ENV
FWB_DATABASE_URL=mariadb://fwb:$PW@127.0.0.1:$PORT/filewallball
MARIADB_PORT=$PORT
MARIADB_SOCKET=$SOCK
MARIADB_PID_FILE=$PIDF
MARIADB_DIR=$DIR
ENV
cat "$DIR/env"
