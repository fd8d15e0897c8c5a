#!/usr/bin/env bash
# Regenerates crds/ and its copy k8s/crds/ (kustomize reads only files under k8s/) from the Swift types
# (module FileWallBallAPI): both hold exactly this output.
# Usage: bash hack/update-crds.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
swift build --product filewallball >/dev/null
for folder in crds k8s/crds; do
  rm -rf "$folder"
  "$(swift build --show-bin-path)/filewallball" crds --output-dir "$folder"
done
ls crds k8s/crds
