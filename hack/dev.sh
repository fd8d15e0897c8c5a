#!/usr/bin/env bash
# The main job: installs what is needed, builds, and runs the whole product on this machine in the
# foreground — `filewallball dev --apply-samples`: a Kubernetes API (KubeSim), the operator, and the
# sample cluster's MariaDB, Redis and file-service Pods as real local processes. State lives in .dev/
# (a second run resumes it). Then use kubectl and curl as the banner says; Ctrl-C stops everything.
#   bash hack/dev.sh                       (debug build; FWB_BUILD=release for a release build)
#   bash hack/dev.sh --data-dir /tmp/d     (extra arguments go to `filewallball dev`)
set -euo pipefail
cd "$(dirname "$0")/.."
bash hack/install-deps.sh
export PATH="/opt/swift/usr/bin:$PATH"
CONFIG="${FWB_BUILD:-debug}"
echo "== building ($CONFIG)"
swift build -c "$CONFIG" --product filewallball 2>&1 | tail -3
BIN="$(swift build -c "$CONFIG" --show-bin-path)/filewallball"
exec "$BIN" dev --apply-samples "$@"
