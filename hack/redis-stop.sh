#!/usr/bin/env bash
# Stops a private Redis started by hack/redis-start.sh, by its pid only.
#   hack/redis-stop.sh DIR [--kill] [--purge]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/lib.sh"
DIR="${1:?usage: redis-stop.sh DIR [--kill] [--purge]}"; shift
SIG=TERM; PURGE=0
for a in "$@"; do case "$a" in --kill) SIG=KILL;; --purge) PURGE=1;; *) echo "redis-stop: unknown flag $a" >&2; exit 2;; esac; done
stop_pid "$DIR/redis.pid" "$SIG"
[ "$PURGE" -eq 1 ] && rm -rf "$DIR"
exit 0
