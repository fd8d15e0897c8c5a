#!/usr/bin/env python3
"""KubeSim benchmark: prints numbers for the issue's targets.

Targets: 10,000 objects held and a list of 10,000 in <= 200 ms; 100 concurrent watchers each
receive 1,000 events with no loss; `kubectl apply -f` of 100 objects in <= 2 s.
Starts its own `filewallball kubesim` (FWB_BIN, default .build/release or .build/debug) on a free port.
Uses only the standard library plus the real kubectl.
"""
import concurrent.futures
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
KUBECTL = os.environ.get("KUBECTL", "/usr/lib/google-cloud-sdk/bin/kubectl.1.31")
if not os.path.exists(KUBECTL):
    KUBECTL = shutil.which("kubectl") or "kubectl"


def binary():
    if os.environ.get("FWB_BIN"):
        return os.environ["FWB_BIN"]
    for flavour in ("release", "debug"):
        p = os.path.join(REPO, ".build", flavour, "filewallball")
        if os.path.exists(p):
            return p
    sys.exit("build filewallball first (swift build -c release)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, body=None, ctype="application/json"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    data = json.dumps(body).encode() if body is not None else None
    conn.request(method, path, body=data, headers={"Content-Type": ctype, "Accept": "application/json"})
    r = conn.getresponse()
    payload = r.read()
    conn.close()
    return r.status, payload


def bench_list(port, count=10_000):
    def create(i):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for j in range(i, count, 16):
            body = {"metadata": {"name": f"cm-{j:05d}", "labels": {"bench": "list"}}, "data": {"k": "v" * 64}}
            conn.request("POST", "/api/v1/namespaces/bench-list/configmaps", body=json.dumps(body),
                         headers={"Content-Type": "application/json"})
            r = conn.getresponse()
            r.read()
            assert r.status == 201, r.status
        conn.close()
    t0 = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        list(pool.map(create, range(16)))
    created = time.perf_counter() - t0
    timings = []
    for _ in range(7):
        t = time.perf_counter()
        status, payload = request(port, "GET", "/api/v1/namespaces/bench-list/configmaps")
        timings.append((time.perf_counter() - t) * 1000)
        items = json.loads(payload)["items"]
        assert status == 200 and len(items) == count
    median = statistics.median(timings)
    print(f"create {count} configmaps: {created:.2f} s ({count / created:.0f}/s)")
    print(f"list {count} objects: median {median:.1f} ms, min {min(timings):.1f} ms "
          f"(target <= 200 ms) {'PASS' if median <= 200 else 'FAIL'}")
    return median <= 200


def bench_watch(port, watchers=100, events=1000):
    status, payload = request(port, "POST", "/api/v1/namespaces/bench/configmaps",
                              {"metadata": {"name": "watched"}, "data": {"n": "0"}})
    start_rv = json.loads(payload)["metadata"]["resourceVersion"]
    counts = [0] * watchers
    ordered = [True] * watchers
    ready = threading.Barrier(watchers + 1)

    def watch(i):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.request("GET", "/api/v1/namespaces/bench/configmaps?watch=true&fieldSelector=metadata.name%3Dwatched"
                     f"&resourceVersion={start_rv}&timeoutSeconds=120")
        r = conn.getresponse()
        ready.wait()
        last = -1
        while counts[i] < events:
            line = r.readline()
            if not line:
                break
            ev = json.loads(line)
            n = int(ev["object"]["data"]["n"])
            if n <= last:
                ordered[i] = False
            last = n
            counts[i] += 1
        conn.close()

    threads = [threading.Thread(target=watch, args=(i,), daemon=True) for i in range(watchers)]
    for t in threads:
        t.start()
    ready.wait()
    t0 = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for n in range(1, events + 1):
        conn.request("PATCH", "/api/v1/namespaces/bench/configmaps/watched", body=json.dumps({"data": {"n": str(n)}}),
                     headers={"Content-Type": "application/merge-patch+json"})
        r = conn.getresponse()
        r.read()
    for t in threads:
        t.join(timeout=120)
    elapsed = time.perf_counter() - t0
    complete = sum(1 for c in counts if c == events)
    ok = complete == watchers and all(ordered)
    print(f"watch: {watchers} watchers x {events} events: {complete}/{watchers} complete, "
          f"in order: {all(ordered)}, total {sum(counts)} events in {elapsed:.2f} s {'PASS' if ok else 'FAIL'}")
    return ok


def bench_apply(env, count=100):
    docs = [f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied-{i:03d}\n  namespace: bench\ndata:\n  i: '{i}'\n"
            for i in range(count)]
    path = os.path.join(env["BENCH_DIR"], "apply.yaml")
    with open(path, "w") as f:
        f.write("---\n".join(docs))
    subprocess.run([KUBECTL, "get", "ns", "bench"], env=env, capture_output=True, check=True)  # warm discovery cache
    t0 = time.perf_counter()
    r = subprocess.run([KUBECTL, "apply", "-f", path], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    created = r.stdout.count("created")
    t1 = time.perf_counter()
    r2 = subprocess.run([KUBECTL, "apply", "-f", path], env=env, capture_output=True, text=True)
    again = time.perf_counter() - t1
    ok = r.returncode == 0 and created == count and elapsed <= 2.0
    print(f"kubectl apply -f {count} objects: {elapsed:.2f} s ({created} created; re-apply {again:.2f} s, "
          f"{r2.stdout.count('unchanged')} unchanged) (target <= 2 s) {'PASS' if ok else 'FAIL'}")
    return ok


def main():
    work = tempfile.mkdtemp(prefix="kubesim-bench-")
    port = free_port()
    kubeconfig = os.path.join(work, "kubeconfig")
    log = open(os.path.join(work, "kubesim.log"), "w")
    proc = subprocess.Popen([binary(), "kubesim", "--listen", f"127.0.0.1:{port}", "--kubeconfig", kubeconfig],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 30
        while not os.path.exists(kubeconfig):
            if proc.poll() is not None or time.time() > deadline:
                sys.exit("kubesim did not start")
            time.sleep(0.05)
        env = dict(os.environ, KUBECONFIG=kubeconfig, KUBECACHEDIR=os.path.join(work, "cache"), BENCH_DIR=work)
        print(f"kubesim: {binary()} on port {port}")
        for ns in ("bench", "bench-list"):
            request(port, "POST", "/api/v1/namespaces", {"metadata": {"name": ns}})
        results = [bench_apply(env), bench_list(port), bench_watch(port)]
        print(f"{sum(results)} passed, {len(results) - sum(results)} failed")
        return 0 if all(results) else 1
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
        log.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
