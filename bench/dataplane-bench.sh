#!/usr/bin/env bash
# Data-plane load figures against the targets of issue 2, with wrk on loopback only.
# Starts private MariaDB + Redis + one release `serve`, seeds 100 x 1 KiB files and one 1 MiB file,
# then runs each scenario for DURATION seconds after a WARMUP-second warm-up, and prints a table.
#   bash bench/dataplane-bench.sh [DURATION=15] [WARMUP=3]
# Environment: FWB_BIN (skip the build, use this binary), FWB_BENCH_ONLY (regex of scenario names),
# FWB_BENCH_BIG=0 (skip the 2 GiB part), FWB_BENCH_VERBOSE=1 (wrk's whole output), FWB_REDIS_POOL_SIZE / FWB_DATABASE_POOL_SIZE (pool sizes).
# Also measures serve's resident memory with 1000 open connections and during a 2 GiB upload +
# download (set FWB_BENCH_BIG=0 to skip that part).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
DURATION="${1:-15}"; WARMUP="${2:-3}"
bash hack/install-deps.sh >/dev/null
export PATH="/opt/swift/usr/bin:$PATH"
if [ -z "${FWB_BIN:-}" ]; then
  swift build -c release --product filewallball 2>&1 | tail -1
  FWB_BIN="$(swift build -c release --show-bin-path)/filewallball"
fi
BIN="$FWB_BIN"

# Not /tmp: on these machines /tmp is ext4 without a journal, churned by compilers and tests, where
# ext4 skips recently deleted inodes one by one and creating a file costs 0.3-0.8 ms instead of ~20 us
# (measured); every upload creates one. FWB_BENCH_TMP picks another parent: use one that no run
# used in the last 5 minutes when running the bench back to back (each run deletes its files at the end).
WORK="$(mktemp -d "${FWB_BENCH_TMP:-/var/tmp}/fwb-bench.XXXXXX")"
export FWB_BENCH_DIR="$WORK"
eval "$(bash hack/mariadb-start.sh "$WORK/mariadb" | sed 's/^/export /')"
eval "$(bash hack/redis-start.sh "$WORK/redis" | sed 's/^/export /')"
ADMIN_PW="adm-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
printf '%s' "$ADMIN_PW" > "$WORK/admin.pwd"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
APORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
FWB_BLOB_DIR="$WORK/blobs" FWB_BOOTSTRAP_ADMIN=admin FWB_BOOTSTRAP_PASSWORD_FILE="$WORK/admin.pwd" \
  FWB_LISTEN="127.0.0.1:$PORT" FWB_ADMIN_LISTEN="127.0.0.1:$APORT" FWB_ENVIRONMENT=production \
  FWB_MAX_UPLOAD_BYTES=$((3 * 1024 * 1024 * 1024)) "$BIN" serve --log-level warning 2> "$WORK/serve.log" &
SERVE=$!
cleanup() { kill -TERM $SERVE 2>/dev/null || true; wait $SERVE 2>/dev/null || true
  bash hack/redis-stop.sh "$WORK/redis" --purge; bash hack/mariadb-stop.sh "$WORK/mariadb" --purge; rm -rf "$WORK"; }
trap cleanup EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
API="http://127.0.0.1:$PORT"
ADMIN_TOKEN=$(curl -sf $API/api/v1/auth/login -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PW\"}" | jq -r .token)
export FWB_PASSWORD="bench-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
curl -sf "http://127.0.0.1:$APORT/api/v1/admin/users" -H "Authorization: Bearer $ADMIN_TOKEN" \
  -d "{\"username\":\"bench\",\"password\":\"$FWB_PASSWORD\"}" >/dev/null
export FWB_TOKEN=$(curl -sf $API/api/v1/auth/login -d "{\"username\":\"bench\",\"password\":\"$FWB_PASSWORD\"}" | jq -r .token)
echo "ids = {" > "$WORK/ids.lua"
for i in $(seq 1 100); do
  head -c 1024 /dev/urandom > "$WORK/small"
  id=$(curl -sf "$API/api/v1/files?name=small$i" -H "Authorization: Bearer $FWB_TOKEN" --data-binary @"$WORK/small" | jq -r .id)
  echo "\"$id\"," >> "$WORK/ids.lua"
done
echo "}" >> "$WORK/ids.lua"
head -c 1048576 /dev/urandom > "$WORK/big"
export FWB_BIG_ID=$(curl -sf "$API/api/v1/files?name=big" -H "Authorization: Bearer $FWB_TOKEN" --data-binary @"$WORK/big" | jq -r .id)

rss() { awk '/VmRSS/ {print int($2/1024)}' /proc/$SERVE/status; }
hwm() { awk '/VmHWM/ {print int($2/1024)}' /proc/$SERVE/status; }
printf "\n%-34s %12s %10s %10s %10s %8s %8s %7s\n" scenario "req/s" "MiB/s" "p50" "p99" errors "cpu_us" "rss_mb"
blob_count() { find "$WORK/blobs/objects" -type f | wc -l; }  # content-addressed blobs on disk
cpu_ticks() { awk '{print $14 + $15}' /proc/$SERVE/stat; }  # serve's utime + stime, in clock ticks
run() { # name conns script [request-body-MiB] [command run in the background during the timed run]
  # FWB_BENCH_ONLY=regex limits which scenarios run
  local name="$1" conns="$2" script="$3" body_mib="${4:-0}" during="${5:-}" threads=2 during_pid=""
  if [ -n "${FWB_BENCH_ONLY:-}" ] && ! echo "$name" | grep -Eq "$FWB_BENCH_ONLY"; then return 0; fi
  wrk -t"$threads" -c"$conns" -d"${WARMUP}s" -s "bench/lua/$script" "$API" >/dev/null 2>&1 || true
  local cpu_before cpu_after blobs_before blobs_after
  blobs_before=$(blob_count)
  cpu_before=$(cpu_ticks)
  if [ -n "$during" ]; then bash -c "$during" & during_pid=$!; fi
  wrk -t"$threads" -c"$conns" -d"${DURATION}s" --latency -s "bench/lua/$script" "$API" > "$WORK/wrk.out" 2>&1 || true
  cpu_after=$(cpu_ticks)
  if [ -n "$during_pid" ]; then kill "$during_pid" 2>/dev/null || true; wait "$during_pid" 2>/dev/null || true; fi
  blobs_after=$(blob_count)
  if [ "${FWB_BENCH_VERBOSE:-0}" = "1" ]; then cat "$WORK/wrk.out" >&2; fi
  python3 - "$name" "$WORK/wrk.out" "$body_mib" "$((cpu_after - cpu_before))" "$(getconf CLK_TCK)" "$(rss)" "$((blobs_after - blobs_before))" <<'PY'
import re, sys
name, path, body_mib = sys.argv[1], sys.argv[2], float(sys.argv[3])
serve_ticks, ticks_per_second, rss_mb = int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
new_blobs = int(sys.argv[7])
text = open(path).read()
def grab(pattern, default="-"):
    m = re.search(pattern, text)
    return m.group(1) if m else default
rps = grab(r"Requests/sec:\s+([\d.]+)")
transfer = grab(r"Transfer/sec:\s+([\d.]+\w+)")
p50 = grab(r"\s50%\s+([\d.]+\w+)")
p99 = grab(r"\s99%\s+([\d.]+\w+)")
errs = 0
m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
if m: errs += sum(int(x) for x in m.groups())
m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if m: errs += int(m.group(1))
mib = "-"
m = re.match(r"([\d.]+)(\w+)", transfer)
if m:
    v, unit = float(m.group(1)), m.group(2)
    mib = "%.0f" % (v * {"B": 1/1048576, "KB": 1/1024, "MB": 1, "GB": 1024}.get(unit, 0))
if body_mib > 0 and rps != "-":
    mib = "%.0f" % (float(rps) * body_mib)
total = grab(r"(\d+) requests in", "0")
# serve's own CPU per request (user+system): steadier than req/s when the machine's speed varies.
cpu_us = "%.0f" % (serve_ticks / ticks_per_second * 1e6 / int(total)) if int(total) > 0 else "-"
print("%-34s %12s %10s %10s %10s %8s %8s %7s" % (name, rps, mib, p50, p99, errs, cpu_us, rss_mb))
if body_mib > 0:
    # Uploads: how many of the answered ones stored new content (the rest matched content already held).
    print("  %d uploads answered, %d new blobs stored" % (int(total), new_blobs))
PY
}
run "healthz (HTTP stack ceiling), 64 conns" 64 healthz.lua
run "metadata GET hot, 64 conns" 64 meta.lua
run "metadata GET, 1000 conns" 1000 meta.lua
echo "  RSS with 1000 connections open: $(rss) MB (peak so far $(hwm) MB)"
run "1 MiB download, 64 conns" 64 download.lua
run "list 50, 64 conns" 64 list.lua
run "1 MiB upload (fsynced), 16 conns" 16 upload.lua 1
run "1 MiB upload, 64 variants, 16 conns" 16 upload-rotating.lua 1
run "login (argon2id m=19MiB t=2), 16" 16 login.lua
COLD_NAME="metadata GET, cold 4 MiB downloads"
if [ -z "${FWB_BENCH_ONLY:-}" ] || echo "$COLD_NAME" | grep -Eq "$FWB_BENCH_ONLY"; then
  # New uploads leave the page cache once durable, so a blob's first download reads the disk. Serve
  # reads such a blob in on its I/O threads before sendfile; this row shows whether metadata GETs on
  # the same event loops stall meanwhile (compare its p99 with the "metadata GET hot" row). Seeds 96
  # blobs of 4 MiB, then downloads one about every 0.1 s during the timed run.
  for i in $(seq 1 96); do
    head -c $((4 * 1024 * 1024)) /dev/urandom > "$WORK/cold"
    curl -sf "$API/api/v1/files?name=cold$i" -H "Authorization: Bearer $FWB_TOKEN" --data-binary @"$WORK/cold" | jq -r .id
  done > "$WORK/cold.ids"
  run "$COLD_NAME" 64 meta.lua 0 "while read -r id; do sleep 0.1; curl -s '$API/api/v1/files/'\$id -H 'Authorization: Bearer $FWB_TOKEN' -o /dev/null; done < '$WORK/cold.ids'"
fi
if [ "${FWB_BENCH_BIG:-1}" = "1" ]; then
  echo "== 2 GiB upload while the 1 MiB file downloads in a loop"
  ( for _ in $(seq 1 2000); do curl -s "$API/api/v1/files/$FWB_BIG_ID" -H "Authorization: Bearer $FWB_TOKEN" -o /dev/null; done ) &
  LOOP=$!
  ( peak=0; while kill -0 $SERVE 2>/dev/null; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r && echo $peak > "$WORK/peak"; sleep 0.2; done ) &
  SAMPLER=$!
  start=$(date +%s.%N)
  head -c $((2 * 1024 * 1024 * 1024)) /dev/zero | curl -sf "$API/api/v1/files?name=huge" -H "Authorization: Bearer $FWB_TOKEN" \
    -H 'Content-Type: application/octet-stream' -T - -X POST -o "$WORK/huge.json"
  end=$(date +%s.%N)
  kill $LOOP 2>/dev/null || true; wait $LOOP 2>/dev/null || true
  HUGE=$(jq -r .id "$WORK/huge.json")
  dstart=$(date +%s.%N)
  curl -sf "$API/api/v1/files/$HUGE" -H "Authorization: Bearer $FWB_TOKEN" -o /dev/null
  dend=$(date +%s.%N)
  kill $SAMPLER 2>/dev/null || true
  echo "  2 GiB upload: $(python3 -c "print('%.0f MiB/s' % (2048/($end-$start)))"), 2 GiB download: $(python3 -c "print('%.0f MiB/s' % (2048/($dend-$dstart)))")"
  echo "  serve RSS peak while the 2 GiB file moved (sampled every 0.2 s): $(cat "$WORK/peak" 2>/dev/null || echo ?) MB; VmHWM over the whole run: $(hwm) MB"
fi
