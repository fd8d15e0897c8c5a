#!/usr/bin/env bash
# Backup/restore benchmark: bare `mariadb-dump | gzip` and `gunzip | mariadb` against
# `filewallball backup --verify checksum` and `filewallball restore --no-safety-backup`, on the same
# freshly generated database in the same run. Prints times, throughput, verification overhead and peak RSS.
#   bench/backup-bench.sh [SIZE_MB]     (default 500; use 20 for a smoke run)
# Env: FWB_REPO_ROOT (hack/ scripts, default: this checkout), FWB_BIN (default: this package's release build,
# else debug build). Starts and removes its own private MariaDB.
set -euo pipefail
exec 3>&1
SIZE_MB="${1:-500}"
HERE="$(cd "$(dirname "$0")/.." && pwd)"
REPO="${FWB_REPO_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}"
BIN="${FWB_BIN:-}"
if [ -z "$BIN" ]; then
  if [ -x "$HERE/.build/release/filewallball" ]; then BIN="$HERE/.build/release/filewallball"; else BIN="$HERE/.build/debug/filewallball"; fi
fi
[ -x "$BIN" ] || { echo "build first: swift build -c release --product filewallball" >&2; exit 2; }

WORK="$(mktemp -d /tmp/fwb-bench-XXXXXX)"
cleanup() { bash "$REPO/hack/mariadb-stop.sh" "$WORK/db" --kill >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
eval "$(bash "$REPO/hack/mariadb-start.sh" "$WORK/db" | grep -E '^(FWB_DATABASE_URL|MARIADB_SOCKET)=')"
export FWB_DATABASE_URL
ROOT=(mariadb --no-defaults --socket="$MARIADB_SOCKET" -uroot)
DB=filewallball

# Client option file for the bare pipeline (same credentials the tool uses; never on the command line).
PW="$(cat "$WORK/db/fwb.pwd")"; PORT="$(cat "$WORK/db/port")"
umask 077
printf '[client]\nhost=127.0.0.1\nport=%s\nprotocol=TCP\nuser=fwb\npassword="%s"\n' "$PORT" "$PW" > "$WORK/client.cnf"

echo "== generating ~${SIZE_MB} MB of table data"
"${ROOT[@]}" "$DB" -e "CREATE TABLE files (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, owner_id INT NOT NULL,
  name VARCHAR(255) NOT NULL, sha256 CHAR(64) NOT NULL, meta VARCHAR(700) NOT NULL, created_at DATETIME(6) NOT NULL) ENGINE=InnoDB"
ROWS=$(( SIZE_MB * 1024 * 1024 / 1000 ))
BATCH=50000
done_rows=0
while [ "$done_rows" -lt "$ROWS" ]; do
  n=$(( ROWS - done_rows < BATCH ? ROWS - done_rows : BATCH ))
  "${ROOT[@]}" "$DB" -e "INSERT INTO files (owner_id, name, sha256, meta, created_at)
    SELECT seq % 1000, CONCAT('file-', seq, '.bin'), SHA2(seq + $done_rows, 256),
      CONCAT(SHA2(RAND(), 512), REPEAT('metadata ', 40), SHA2(RAND(), 256)), NOW(6) - INTERVAL seq SECOND
    FROM seq_1_to_$n"
  done_rows=$(( done_rows + n ))
done
"${ROOT[@]}" "$DB" -N -e "ANALYZE TABLE files" >/dev/null
DATA_MB=$("${ROOT[@]}" -N -e "SELECT ROUND(SUM(DATA_LENGTH+INDEX_LENGTH)/1048576) FROM information_schema.TABLES WHERE TABLE_SCHEMA='$DB'")
echo "rows=$ROWS innodb_size_mb=$DATA_MB"

timed() { # timed LABEL CMD... -> prints seconds and peak RSS (KB) of the whole command
  local label="$1"; shift
  /usr/bin/time -v -o "$WORK/time.$label" "$@"
  local wall rss
  wall=$(grep "Elapsed (wall clock)" "$WORK/time.$label" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$WORK/time.$label" | awk '{print $NF}')
  echo "$label wall=$wall peak_rss_kb=$rss" >&3
}
secs() { awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }' <<<"$1"; }
wall_of() { secs "$(grep "Elapsed (wall clock)" "$WORK/time.$1" | awk '{print $NF}')"; }

echo "== backup (each measured twice, alternating; the faster run counts: this machine is shared)"
mkdir -p "$WORK/backups"
BARE=999999; TOTAL=999999; VERIFY=0
for round in 1 2; do
  timed bare_dump bash -c "mariadb-dump --defaults-extra-file='$WORK/client.cnf' --single-transaction --routines --triggers --events $DB | gzip -6 > '$WORK/bare.sql.gz'"
  b=$(wall_of bare_dump); BARE=$(awk -v a="$BARE" -v b="$b" 'BEGIN{print (b<a)?b:a}')
  timed fwb_backup "$BIN" backup --backup-dir "$WORK/backups" --verify checksum --compression gzip --keep-min 5 > "$WORK/backup.json" 2>/dev/null
  cat "$WORK/backup.json"
  t=$(jq -r .duration_seconds "$WORK/backup.json"); v=$(jq -r .verification_seconds "$WORK/backup.json")
  if awk -v t="$t" -v v="$v" -v T="$TOTAL" -v V="$VERIFY" 'BEGIN{exit !((t-v)<(T-V))}'; then TOTAL=$t; VERIFY=$v; fi
  sleep 1
done
NAME=$(jq -r .name "$WORK/backup.json")
awk -v b="$BARE" -v t="$TOTAL" -v v="$VERIFY" 'BEGIN {
  d = t - v; printf "backup: bare %.2fs | filewallball dump %.2fs (%+.1f%% vs bare) + checksum verification %.2fs = %.2fs\n", b, d, (d-b)/b*100, v, t }'
echo "sizes: bare=$(stat -c %s "$WORK/bare.sql.gz") filewallball=$(jq -r .size "$WORK/backup.json")"

timed fwb_backup_restore_test "$BIN" backup --backup-dir "$WORK/backups" --verify restore-test --keep-min 5 > "$WORK/backup2.json" 2>/dev/null
jq -c '{verification, duration_seconds, verification_seconds}' "$WORK/backup2.json"

echo "== restore (twice each, alternating; the faster run counts)"
"${ROOT[@]}" -e "CREATE DATABASE filewallball_barerestore"
RB=999999; RT=999999; RV=0; RS=0
for round in 1 2; do
  "${ROOT[@]}" -e "DROP DATABASE filewallball_barerestore; CREATE DATABASE filewallball_barerestore"
  timed bare_restore bash -c "gzip -dc '$WORK/bare.sql.gz' | mariadb --defaults-extra-file='$WORK/client.cnf' filewallball_barerestore"
  b=$(wall_of bare_restore); RB=$(awk -v a="$RB" -v b="$b" 'BEGIN{print (b<a)?b:a}')
  timed fwb_restore "$BIN" restore --backup-dir "$WORK/backups" --file "$NAME" --no-safety-backup > "$WORK/restore.json" 2>/dev/null
  cat "$WORK/restore.json"
  t=$(jq -r .duration_seconds "$WORK/restore.json"); v=$(jq -r .validation_seconds "$WORK/restore.json"); s2=$(jq -r .staging_verification_seconds "$WORK/restore.json")
  if awk -v t="$t" -v v="$v" -v s="$s2" -v T="$RT" -v V="$RV" -v S="$RS" 'BEGIN{exit !((t-v-s)<(T-V-S))}'; then RT=$t; RV=$v; RS=$s2; fi
done
awk -v b="$RB" -v t="$RT" -v v="$RV" -v s="$RS" 'BEGIN {
  d = t - v - s; printf "restore: bare %.2fs | filewallball load+swap %.2fs (%+.1f%% vs bare) + pre-validation %.2fs + staging verification %.2fs = %.2fs\n", b, d, (d-b)/b*100, v, s, t }'
timed fwb_restore_safety "$BIN" restore --backup-dir "$WORK/backups" --file "$NAME" > "$WORK/restore2.json" 2>/dev/null
jq -c '{duration_seconds, validation_seconds, staging_verification_seconds, safety_backup_seconds}' "$WORK/restore2.json"
echo "== peak RSS (GNU time reports the largest single process of the run, i.e. max(filewallball, children))"
grep -H "Maximum resident set size" "$WORK"/time.* | sed "s|$WORK/time.||"
