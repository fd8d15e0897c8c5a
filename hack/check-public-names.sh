#!/usr/bin/env bash
# Fails when a public top-level type name is declared in more than one module under Sources/: modules that
# a third one imports together (KubeClient, KubeRuntime, KubeSim and FileWallBallAPI in `dev`; DataPlane,
# Backup and the rest in the CLI) must never make a name ambiguous.
# Usage: bash hack/check-public-names.sh     (part of hack/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
clashes=$(grep -rHoE '^public (final )?(struct|enum|class|actor|protocol|typealias) [A-Za-z_][A-Za-z0-9_]*' --include=*.swift Sources \
  | sed -E 's#^Sources/([^/]+)/.*:public (final )?[a-z]+ #\1 #' | sort -u \
  | awk '{n[$2]++; m[$2]=m[$2]" "$1} END {for (k in n) if (n[k]>1) print k":"m[k]}' | sort)
if [ -n "$clashes" ]; then
  echo "public type names declared in more than one module (NAME: MODULES):" >&2
  echo "$clashes" >&2
  exit 1
fi
echo "public type names: each declared in one module"
