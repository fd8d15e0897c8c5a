#!/usr/bin/env bash
# Creates (idempotently) the Python venv of the OpenAPI conformance run (tests/openapi/run.sh):
# <repo>/.venv-openapi with schemathesis at a pinned version.
# Usage: hack/openapi-venv.sh            (prints the venv path on the last line)
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${FWB_OPENAPI_VENV:-$REPO_ROOT/.venv-openapi}"
PYTHON="${PYTHON:-python3}"
SCHEMATHESIS_VERSION="4.32.5"
STAMP="$VENV/.fwb-openapi-ready-$SCHEMATHESIS_VERSION"
if [[ -f "$STAMP" && -x "$VENV/bin/schemathesis" ]]; then
  echo "$VENV"
  exit 0
fi
if [[ ! -x "$VENV/bin/python" ]]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
"$VENV/bin/python" -m pip install --quiet "schemathesis==$SCHEMATHESIS_VERSION"
rm -f "$VENV"/.fwb-openapi-ready-*
touch "$STAMP"
echo "$VENV"
