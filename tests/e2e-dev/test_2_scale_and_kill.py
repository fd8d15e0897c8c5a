"""Scenario 2: `kubectl scale fwb files --replicas=3` gives three serving processes; SIGKILL one and
requests and sessions keep working through the Service address, while the runtime restarts it."""
import json
import os
import signal
import socket

from conftest import authorized, http


def serving_pids(dev):
    pods = [p for p in dev.pods("file-service") if p["status"].get("phase") == "Running"]
    return {p["metadata"]["name"]: int(p["status"]["containerStatuses"][0]["containerID"].split("//")[1])
            for p in pods if p["status"]["containerStatuses"][0].get("containerID")}


def test_scale_to_three_and_survive_a_killed_replica(dev):
    dev.wait_ready()
    dev.kubectl("scale", "fwb", "files", "--replicas=3")
    dev.wait_for(lambda: dev.json("get", "deployment", "files-api")["status"].get("readyReplicas") == 3,
                 timeout=90, what="three ready file-service replicas")
    dev.wait_ready()
    pids = serving_pids(dev)
    assert len(pids) == 3, pids
    for pid in pids.values():
        os.kill(pid, 0)  # a live local process each

    base = dev.api_url()
    token = dev.login()
    status, body, _ = http("POST", base + "/api/v1/files?name=before-kill.txt", b"still here", authorized(token))
    assert status == 201, body
    file_id = json.loads(body)["id"]

    victim_name, victim_pid = sorted(pids.items())[0]
    victim_ip = dev.json("get", "pod", victim_name)["status"]["podIP"]
    os.killpg(victim_pid, signal.SIGKILL)
    # Gone means its port refuses: the sandbox's pid ends a moment before the server's threads do.
    dev.wait_for(lambda: not alive(victim_pid) and not listening(victim_ip, 8080), timeout=10, interval=0.01,
                 what="the killed replica gone")
    # The same session keeps working through the Service address while one replica is gone: every request
    # of a burst succeeds (the proxy fails over from the dead address at once, and drops it from the
    # route when the kubelet reports the Pod not ready).
    for _ in range(30):
        status, body, _ = http("GET", f"{base}/api/v1/files/{file_id}", None, authorized(token))
        assert status == 200 and body == b"still here", (status, body)
        status, _, _ = http("GET", base + "/api/v1/auth/me", None, authorized(token))
        assert status == 200

    def restarted():
        pod = dev.json("get", "pod", victim_name)
        container = pod["status"]["containerStatuses"][0]
        return container["restartCount"] >= 1 and container["ready"] and \
            container["lastState"]["terminated"]["exitCode"] == 137
    dev.wait_for(restarted, timeout=60, what=f"{victim_name} restarted by the runtime")
    restarts = dev.kubectl("get", "pod", victim_name, "--no-headers").stdout.split()
    assert restarts[3] != "0", restarts  # the RESTARTS column
    dev.kubectl("scale", "fwb", "files", "--replicas=2")
    dev.wait_for(lambda: len(serving_pids(dev)) == 2, timeout=60, what="back to two replicas")


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


def test_deleting_a_pod_stops_its_process_and_the_owner_replaces_it(dev):
    dev.wait_ready()
    before = serving_pids(dev)
    name, pid = sorted(before.items())[0]
    dev.kubectl("delete", "pod", name, "--wait=true", "--timeout=60s", timeout=90)
    dev.wait_for(lambda: not alive(pid), timeout=60, what=f"the process of {name} stopped")
    after = dev.wait_for(lambda: len(serving_pids(dev)) == 2 and name not in serving_pids(dev) and serving_pids(dev),
                         timeout=90, what="a replacement pod")
    assert name not in after
    dev.wait_ready(timeout=90)


def listening(host, port):
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False
