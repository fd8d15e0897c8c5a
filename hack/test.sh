#!/usr/bin/env bash
# Installs what the tests need, builds, and runs the whole test suite:
#   - Swift Testing suites of every module (private MariaDB/Redis started per test by hack/ scripts)
#   - the KubeSim end-to-end suite driven by the real kubectl and the official Python client (pytest)
#   - the `filewallball dev` end-to-end suite: kubectl and HTTP only, real local processes (tests/e2e-dev)
#   - the OpenAPI conformance run: schemathesis against `serve` and its own documents (tests/openapi)
# Usage: bash hack/test.sh            (README's second command; .ci/run calls exactly this)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
export FWB_REPO_ROOT="$ROOT"

bash hack/install-deps.sh
bash hack/check-public-names.sh
export PATH="/opt/swift/usr/bin:$PATH"

echo "== build (debug, with tests)"
set +e
swift build --build-tests 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\] (Compiling|Emitting|Wrapping|Write|Linking|Merging|Building)'
build_rc=${PIPESTATUS[0]}
set -e
if [ "$build_rc" -ne 0 ]; then echo "build failed" >&2; exit 1; fi
BIN_DIR="$(swift build --show-bin-path)"
export FWB_BIN="$BIN_DIR/filewallball"

status=0
# Test targets run in groups, one process each: the data-plane suites drive child processes with
# blocking calls, and must not starve the timing-sensitive async suites of the cooperative pool.
GROUPS_OF_TARGETS=(
  "DataPlaneTests"
  "MariaDBTests|RedisTests|BackupTests|PasswordHashingTests|SystemExtrasTests"
  "KubeJSONTests|KubeClientTests|KubeRuntimeTests|KubeSimTests|FileWallBallAPITests|OperatorTests"
  # The leader-election suites have sub-second timing bounds that flake under load on 2 cores; the
  # integration suites (in-process KubeSim and TLS/HTTP/2 servers, openssl children) get their own process.
  "KubeIntegrationTests"
  # Bootstraps the process-wide logging and metrics systems, so it shares its process with no other suite.
  "ProcessSupportTests"
  # The dev runtime: real redis-server and sandboxed processes, the Service proxy's listeners.
  "DevRuntimeTests"
)
for target in $(ls Tests); do
  printf '%s\n' "${GROUPS_OF_TARGETS[@]}" | tr '|' '\n' | grep -qx "$target" || { echo "test target $target is in no group" >&2; exit 1; }
done
for group in "${GROUPS_OF_TARGETS[@]}"; do
  echo "== swift test ($group)"
  set +e
  # A group that hangs (a test waiting forever) fails here after 20 minutes instead of eating CI's time.
  timeout --kill-after=30 1200 swift test --skip-build --filter "^($group)\." 2>&1 | grep -vE '◇ Test .* started\.$'
  rc=${PIPESTATUS[0]}
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then echo "swift test ($group) did not finish within 20 minutes" >&2; fi
  if [ "$rc" -ne 0 ]; then status=1; fi
  set -e
done

if [ -d tests/e2e-kubesim ]; then
  echo "== kubesim end-to-end (kubectl + python client)"
  bash hack/python-venv.sh
  if ! "$ROOT/.venv-e2e/bin/python" -m pytest -q tests/e2e-kubesim; then status=1; fi
fi

if [ -d tests/e2e-dev ]; then
  echo "== filewallball dev end-to-end (kubectl + HTTP against real MariaDB, Redis and file-service processes)"
  bash hack/python-venv.sh >/dev/null
  if ! timeout --kill-after=30 900 "$ROOT/.venv-e2e/bin/python" -m pytest -q tests/e2e-dev; then status=1; fi
fi

echo "== OpenAPI conformance (schemathesis --checks all against serve's /openapi.json documents)"
if ! bash tests/openapi/run.sh; then status=1; fi
exit $status
