#!/usr/bin/env bash
# Regenerates crds/ from the Swift types (module FileWallBallAPI): crds/ holds exactly this output.
# Usage: bash hack/update-crds.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
swift build --product filewallball >/dev/null
rm -rf crds
"$(swift build --show-bin-path)/filewallball" crds --output-dir crds
ls crds
