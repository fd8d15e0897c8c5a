#!/usr/bin/env bash
# Creates (idempotently) the Python venv used by the KubeSim end-to-end suite:
# <repo>/.venv-e2e with the official Kubernetes client, PyYAML and pytest.
# Usage: hack/python-venv.sh            (prints the venv path on the last line)
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${FWB_VENV:-$REPO_ROOT/.venv-e2e}"
PYTHON="${PYTHON:-python3}"
STAMP="$VENV/.fwb-e2e-ready-v1"
if [[ -f "$STAMP" && -x "$VENV/bin/python" ]]; then
  echo "$VENV"
  exit 0
fi
if [[ ! -x "$VENV/bin/python" ]]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
"$VENV/bin/python" -m pip install --quiet "kubernetes>=31" "pyyaml>=6" "pytest>=8"
touch "$STAMP"
echo "$VENV"
