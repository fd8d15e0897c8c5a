#!/usr/bin/env bash
# Benchmarks for KubeClient / KubeRuntime / the controller (release builds).
#   1. watch decode: events/s of ~2 KiB objects through the newline splitter + JSON parser + event decode
#   2. informer cache: RSS growth for 10,000 ~2 KiB objects vs their JSON size
#   3. idle controller: VmRSS of the binary the controller Deployment runs -- `filewallball-controller
#      controller --leader-elect` (the same ControllerCommand as `filewallball controller`, linked without
#      the data plane, backup and KubeSim), built as it ships:
#        swift build -c release --static-swift-stdlib --scratch-path .build-static --product filewallball-controller
#      (Swift runtime linked statically; Package.swift links this product with lld and DT_RELR relocations).
#      It holds its Lease against bench/lease_mock.py for ~5 s (a few renewals and a /metrics scrape), then
#      /proc/PID/status is sampled. Measured twice: API over plain HTTP (the number the issue's target
#      refers to) and over HTTPS with a CA from the kubeconfig, as against a real API server.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product kubeclient-bench >/dev/null
BIN=$(swift build -c release --show-bin-path)
STATIC=(-c release --static-swift-stdlib --scratch-path .build-static)
swift build "${STATIC[@]}" --product filewallball-controller >/dev/null
CONTROLLER="$(swift build "${STATIC[@]}" --show-bin-path)/filewallball-controller"

echo "== watch decode (target >= 50000 events/s)"
"$BIN/kubeclient-bench" watch-decode 100000

echo "== informer cache, 10000 objects (target ratio <= 3.0)"
"$BIN/kubeclient-bench" cache 10000

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# idle_rss NAME SCHEME: starts the mock API and the controller, prints one result line, stops both.
idle_rss() {
  local name=$1 scheme=$2 port health metrics mock ctrl ca_line="" tls_args=()
  port=$(free_port); health=$(free_port); metrics=$(free_port)
  if [ "$scheme" = https ]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=127.0.0.1 \
      -addext subjectAltName=IP:127.0.0.1 -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
    ca_line=", certificate-authority-data: \"$(base64 -w0 "$WORK/cert.pem")\""
    tls_args=("$WORK/cert.pem" "$WORK/key.pem")
  fi
  cat > "$WORK/kubeconfig" <<KCFG
apiVersion: v1
kind: Config
current-context: bench
clusters:
- name: bench
  cluster: {server: "$scheme://127.0.0.1:$port"$ca_line}
users:
- name: bench
  user: {token: bench}
contexts:
- name: bench
  context: {cluster: bench, user: bench, namespace: bench}
KCFG
  python3 bench/lease_mock.py "$port" "${tls_args[@]}" >/dev/null 2>&1 &
  mock=$!; PIDS+=("$mock")
  sleep 0.5
  "$CONTROLLER" controller --kubeconfig "$WORK/kubeconfig" --leader-elect \
    --health-listen "127.0.0.1:$health" --metrics-listen "127.0.0.1:$metrics" >"$WORK/controller.log" 2>&1 &
  ctrl=$!; PIDS+=("$ctrl")
  for _ in $(seq 1 50); do
    curl -fs "127.0.0.1:$health/readyz" >/dev/null 2>&1 && break
    sleep 0.2
  done
  sleep 5   # a few renewals and a metrics scrape, then sample
  curl -fs "127.0.0.1:$metrics/metrics" >/dev/null
  local rss anon
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$ctrl/status")
  anon=$(awk '/RssAnon/ {print $2}' "/proc/$ctrl/status")
  echo "$name: rss_kb=$rss rss_mb=$((rss / 1024)) rss_anon_kb=$anon leader=$(grep -c 'became leader' "$WORK/controller.log")"
  kill -TERM "$ctrl" "$mock" 2>/dev/null || true
  wait "$ctrl" "$mock" 2>/dev/null || true
  PIDS=()
}

echo "== idle controller RSS, filewallball-controller (target <= 30 MB)"
idle_rss idle-controller http
idle_rss idle-controller-tls https
