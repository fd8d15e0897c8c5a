"""Operator benchmark against KubeSim (issue 13 targets). Run through bench/operator-bench.sh.

1. apply latency: one cluster at a time, from the create call's return until every owned object exists
   (the reconciler applies them in a fixed order; the last one's appearance is polled every 2 ms, then all
   17 are checked): median and p90 over 20 clusters (target: median <= 200 ms).
2. 200 clusters created at once (KubeSim's readiness delay 0): seconds until all are Ready (target <= 10 s).
3. the controller afterwards: VmRSS (target <= 40 MB); over 30 s of steady state, its write requests
   (KubeSim's request log, Lease renewals excepted; target 0) and CPU (target < 1 %).
"""
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

from kubernetes import client, config

GROUP, VERSION, PLURAL = "filewallball.io", "v1alpha1", "filewallballclusters"
USER = "filewallball-controller"


def cluster_body(name):
    return {"apiVersion": f"{GROUP}/{VERSION}", "kind": "FileWallBallCluster", "metadata": {"name": name},
            "spec": {"app": {"replicas": 2}}}


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def requests_of(kubeconfig, user):
    raw = subprocess.run(["kubectl", "--kubeconfig", kubeconfig, "get", "--raw", "/kubesim/requests"],
                         check=True, capture_output=True, text=True).stdout
    return [r for r in json.loads(raw)["items"] if r["user"] == user]


def main():
    kubeconfig, controller_pid = sys.argv[1], int(sys.argv[2])
    api = config.new_client_from_config(config_file=kubeconfig)
    custom = client.CustomObjectsApi(api)
    core = client.CoreV1Api(api)
    net = client.NetworkingV1Api(api)

    core.create_namespace({"metadata": {"name": "bench-latency"}})
    latencies = []
    for i in range(20):
        name = f"lat{i}"
        custom.create_namespaced_custom_object(GROUP, VERSION, "bench-latency", PLURAL, cluster_body(name))
        start = time.perf_counter()
        while True:
            try:
                net.read_namespaced_network_policy(f"{name}-redis", "bench-latency")
                break
            except client.ApiException as e:
                if e.status != 404:
                    raise
                time.sleep(0.002)
        latencies.append((time.perf_counter() - start) * 1000)
        owned = sum(len(lst.items) for lst in [
            core.list_namespaced_secret("bench-latency", label_selector=f"app.kubernetes.io/instance={name}"),
            core.list_namespaced_service("bench-latency", label_selector=f"app.kubernetes.io/instance={name}"),
            core.list_namespaced_config_map("bench-latency", label_selector=f"app.kubernetes.io/instance={name}")])
        assert owned == 10, f"{name}: {owned} of 10 Secrets/Services/ConfigMaps"
    latencies.sort()
    print(f"apply -> all owned objects, 20 clusters: median {statistics.median(latencies):.1f} ms, "
          f"p90 {latencies[17]:.1f} ms, max {latencies[-1]:.1f} ms (target median <= 200 ms)")

    core.create_namespace({"metadata": {"name": "bench-many"}})
    start = time.perf_counter()
    errors = []

    def create(lo, hi):
        try:
            for i in range(lo, hi):
                custom.create_namespaced_custom_object(GROUP, VERSION, "bench-many", PLURAL, cluster_body(f"c{i:03d}"))
        except Exception as e:  # reported below
            errors.append(e)
    threads = [threading.Thread(target=create, args=(k * 25, k * 25 + 25)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    created = time.perf_counter() - start
    ready = 0
    while time.perf_counter() - start < 120:
        items = custom.list_namespaced_custom_object(GROUP, VERSION, "bench-many", PLURAL)["items"]
        ready = sum(1 for c in items if any(x["type"] == "Ready" and x["status"] == "True"
                                            for x in c.get("status", {}).get("conditions", [])))
        if ready == 200:
            break
        time.sleep(0.1)
    elapsed = time.perf_counter() - start
    print(f"200 clusters created in {created:.2f} s; {ready}/200 Ready after {elapsed:.2f} s (target <= 10 s)")

    time.sleep(5)
    rss = rss_kb(controller_pid)
    before_requests = len(requests_of(kubeconfig, USER))
    cpu0, t0 = cpu_seconds(controller_pid), time.perf_counter()
    time.sleep(30)
    cpu1, t1 = cpu_seconds(controller_pid), time.perf_counter()
    later = requests_of(kubeconfig, USER)[before_requests:]
    writes = [r for r in later if r["verb"] not in ("get", "list", "watch") and r["resource"] != "leases"]
    print(f"controller after 220 clusters: VmRSS {rss / 1024:.1f} MB (target <= 40 MB)")
    print(f"steady state, 30 s: {len(writes)} writes (target 0; Lease renewals excepted), "
          f"{len(later)} requests in all, CPU {100 * (cpu1 - cpu0) / (t1 - t0):.2f} % (target < 1 %)")


if __name__ == "__main__":
    main()
