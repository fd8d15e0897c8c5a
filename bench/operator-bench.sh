#!/usr/bin/env bash
# Operator benchmark (issue 13 targets) against KubeSim, release builds:
#   KubeSim (`filewallball kubesim --tls --ready-delay-ms 0`, the controller under its own token) and
#   the slim `filewallball-controller` as it ships (static Swift runtime). Prints the numbers of
#   bench/operator_bench.py: apply latency over 20 clusters, 200 clusters to Ready, controller RSS, and
#   writes and CPU at steady state.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

swift build -c release --product filewallball >/dev/null
FWB="$(swift build -c release --show-bin-path)/filewallball"
STATIC=(-c release --static-swift-stdlib --scratch-path .build-static)
swift build "${STATIC[@]}" --product filewallball-controller >/dev/null
CONTROLLER="$(swift build "${STATIC[@]}" --show-bin-path)/filewallball-controller"
VENV=$(bash hack/python-venv.sh | tail -1)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
"$FWB" kubesim --listen "127.0.0.1:$(free_port)" --kubeconfig "$WORK/admin.kubeconfig" --tls --ready-delay-ms 0 \
  --user "filewallball-controller=$TOKEN" --log-level warning >"$WORK/kubesim.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 300); do [ -f "$WORK/admin.kubeconfig" ] && break; sleep 0.1; done
ADMIN_TOKEN=$(sed -n 's/^ *token: //p' "$WORK/admin.kubeconfig")
sed "s/$ADMIN_TOKEN/$TOKEN/" "$WORK/admin.kubeconfig" >"$WORK/controller.kubeconfig"
export KUBECONFIG="$WORK/admin.kubeconfig"
kubectl apply -f crds/ >/dev/null
kubectl wait --for=condition=Established crd --all --timeout=20s >/dev/null

"$CONTROLLER" --kubeconfig "$WORK/controller.kubeconfig" --health-listen "127.0.0.1:$(free_port)" \
  --metrics-listen "127.0.0.1:$(free_port)" --log-level warning >"$WORK/controller.log" 2>&1 &
CONTROLLER_PID=$!
PIDS+=("$CONTROLLER_PID")
sleep 2
"$VENV/bin/python" bench/operator_bench.py "$WORK/admin.kubeconfig" "$CONTROLLER_PID"
