#!/usr/bin/env bash
# Stops a private MariaDB started by hack/mariadb-start.sh, by its pid only.
#   hack/mariadb-stop.sh DIR [--kill] [--purge]
#   --kill   SIGKILL instead of a clean shutdown (crash tests)
#   --purge  also delete DIR
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/lib.sh"
DIR="${1:?usage: mariadb-stop.sh DIR [--kill] [--purge]}"; shift
SIG=TERM; PURGE=0
for a in "$@"; do case "$a" in --kill) SIG=KILL;; --purge) PURGE=1;; *) echo "mariadb-stop: unknown flag $a" >&2; exit 2;; esac; done
stop_pid "$DIR/mariadb.pid" "$SIG"
[ "$PURGE" -eq 1 ] && rm -rf "$DIR"
exit 0
