#!/usr/bin/env bash
# Benchmarks for KubeClient / KubeRuntime / the controller command (release build).
#   1. watch decode: events/s of ~2 KiB objects through the newline splitter + JSON parser + event decode
#   2. informer cache: RSS growth for 10,000 ~2 KiB objects vs their JSON size
#   3. idle controller: RSS of `filewallball controller --leader-elect` holding the Lease against a mock API
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product kubeclient-bench >/dev/null
BIN=$(swift build -c release --show-bin-path)
# The controller is measured as it ships: Swift runtime linked statically (no shared libswiftCore /
# Foundation pages to relocate), which is what keeps an idle process under the RSS target.
swift build -c release --static-swift-stdlib --scratch-path .build-static --product filewallball >/dev/null
STATIC_BIN=$(swift build -c release --static-swift-stdlib --scratch-path .build-static --show-bin-path)

echo "== watch decode (target >= 50000 events/s)"
"$BIN/kubeclient-bench" watch-decode 100000

echo "== informer cache, 10000 objects (target ratio <= 3.0)"
"$BIN/kubeclient-bench" cache 10000

echo "== idle controller RSS (target <= 30 MB)"
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
HEALTH=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
METRICS=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$WORK/kubeconfig" <<KCFG
apiVersion: v1
kind: Config
current-context: bench
clusters:
- name: bench
  cluster: {server: "http://127.0.0.1:$PORT"}
users:
- name: bench
  user: {token: bench}
contexts:
- name: bench
  context: {cluster: bench, user: bench, namespace: bench}
KCFG
python3 bench/lease_mock.py "$PORT" >/dev/null 2>&1 &
MOCK=$!
sleep 0.5
"$STATIC_BIN/filewallball" controller --kubeconfig "$WORK/kubeconfig" --leader-elect \
  --health-listen "127.0.0.1:$HEALTH" --metrics-listen "127.0.0.1:$METRICS" >"$WORK/controller.log" 2>&1 &
CTRL=$!
cleanup() { kill -TERM "$CTRL" 2>/dev/null || true; wait "$CTRL" 2>/dev/null || true; kill "$MOCK" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
for _ in $(seq 1 50); do
  curl -fs "127.0.0.1:$HEALTH/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done
sleep 5   # a few renewals and a metrics scrape, then sample
curl -fs "127.0.0.1:$METRICS/metrics" >/dev/null
RSS_KB=$(awk '/VmRSS/ {print $2}' "/proc/$CTRL/status")
ANON_KB=$(awk '/RssAnon/ {print $2}' "/proc/$CTRL/status")
echo "idle-controller: rss_kb=$RSS_KB rss_mb=$((RSS_KB / 1024)) rss_anon_kb=$ANON_KB leader=$(grep -c 'became leader' "$WORK/controller.log")"
