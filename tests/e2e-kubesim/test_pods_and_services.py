"""Proof: `kubectl logs` (plain, --tail, -f, deploy/NAME, errors) served from `--pod-logs-dir`; the Pod
table of `kubectl get pods [-o wide]`; Service cluster IPs from `--service-cidr`."""
import json
import os
import shutil
import tempfile
import threading
import time
import uuid

import pytest

from conftest import KubeSim, wait_until


@pytest.fixture(scope="module")
def dev_sim():
    workdir = tempfile.mkdtemp(prefix="kubesim-e2e-logs-")
    s = KubeSim(workdir)
    s.logs_dir = os.path.join(workdir, "pod-logs")
    s.extra_args = ["--pod-logs-dir", s.logs_dir, "--service-cidr", "127.20.0.0/16"]
    s.start()
    yield s
    s.stop()
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def dev_ns(dev_sim):
    name = "t-" + uuid.uuid4().hex[:8]
    dev_sim.kubectl("create", "namespace", name)
    yield name
    dev_sim.kubectl("delete", "namespace", name, "--wait=false", check=False)


def make_pod(sim, ns, name, labels="app: web", containers=("main",)):
    specs = "".join(f"  - name: {c}\n    image: busybox\n" for c in containers)
    sim.kubectl("apply", "-n", ns, "-f", "-", stdin=(
        f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  labels:\n    {labels}\n"
        f"spec:\n  nodeName: filewallball-dev\n  containers:\n{specs}"))


def write_log(sim, ns, pod, container, text, mode="w"):
    path = os.path.join(sim.logs_dir, ns, pod, f"{container}.log")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(text)
    return path


def set_status(sim, ns, pod, status):
    sim.kubectl("patch", "pod", pod, "-n", ns, "--subresource=status", "--type=merge", "-p", json.dumps({"status": status}))


def test_logs_plain_tail_and_errors(dev_sim, dev_ns):
    make_pod(dev_sim, dev_ns, "web")
    write_log(dev_sim, dev_ns, "web", "main", "one\ntwo\nthree\n")
    assert dev_sim.kubectl("logs", "web", "-n", dev_ns).stdout == "one\ntwo\nthree\n"
    assert dev_sim.kubectl("logs", "web", "-n", dev_ns, "--tail=2").stdout == "two\nthree\n"
    assert dev_sim.kubectl("logs", "web", "-n", dev_ns, "--limit-bytes=5").stdout == "one\nt"
    bad = dev_sim.kubectl("logs", "web", "-n", dev_ns, "-c", "nope", check=False)
    assert bad.returncode != 0
    assert "container nope is not valid for pod web" in bad.stderr
    missing = dev_sim.kubectl("logs", "ghost", "-n", dev_ns, check=False)
    assert missing.returncode != 0
    assert 'pods "ghost" not found' in missing.stderr
    make_pod(dev_sim, dev_ns, "starting", labels="app: other")
    waiting = dev_sim.kubectl("logs", "starting", "-n", dev_ns, check=False)
    assert waiting.returncode != 0
    assert 'container "main" in pod "starting" is waiting to start: ContainerCreating' in waiting.stderr


def test_logs_of_deployment(dev_sim, dev_ns):
    dev_sim.kubectl("create", "deployment", "web", "-n", dev_ns, "--image=busybox")
    make_pod(dev_sim, dev_ns, "web-abc12", labels="app: web")
    write_log(dev_sim, dev_ns, "web-abc12", "main", "from the deployment\n")
    # kubectl finds the Pod through the Deployment's selector (app=web).
    assert dev_sim.kubectl("logs", "deploy/web", "-n", dev_ns).stdout == "from the deployment\n"


def test_logs_follow_until_container_ends(dev_sim, dev_ns):
    make_pod(dev_sim, dev_ns, "worker")
    set_status(dev_sim, dev_ns, "worker", {"phase": "Running", "containerStatuses": [
        {"name": "main", "ready": True, "restartCount": 0, "image": "busybox", "imageID": "", "state": {"running": {}}}]})
    path = write_log(dev_sim, dev_ns, "worker", "main", "first\n")
    proc = dev_sim.kubectl_popen("logs", "-f", "worker", "-n", dev_ns)
    lines = []

    def read():
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert wait_until(lambda: lines == ["first"], timeout=10)
        write_log(dev_sim, dev_ns, "worker", "main", "second\n", mode="a")
        assert wait_until(lambda: lines == ["first", "second"], timeout=10)
        write_log(dev_sim, dev_ns, "worker", "main", "last\n", mode="a")
        set_status(dev_sim, dev_ns, "worker", {"phase": "Succeeded", "containerStatuses": [
            {"name": "main", "ready": False, "restartCount": 0, "image": "busybox", "imageID": "",
             "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]})
        proc.wait(timeout=15)   # the stream ends with the container
        reader.join(timeout=5)
        assert lines == ["first", "second", "last"]
        assert proc.returncode == 0
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=5)
    assert os.path.exists(path)


def test_get_pods_table(dev_sim, dev_ns):
    make_pod(dev_sim, dev_ns, "pending-pod", labels="app: a")
    make_pod(dev_sim, dev_ns, "crashing", labels="app: b")
    set_status(dev_sim, dev_ns, "crashing", {"phase": "Running", "podIP": "127.10.0.7", "containerStatuses": [
        {"name": "main", "ready": False, "restartCount": 3, "image": "busybox", "imageID": "",
         "state": {"waiting": {"reason": "CrashLoopBackOff"}},
         "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "finishedAt": "2020-01-01T00:00:00Z"}}}]})
    make_pod(dev_sim, dev_ns, "two", labels="app: c", containers=("a", "b"))
    set_status(dev_sim, dev_ns, "two", {"phase": "Running", "podIP": "127.10.0.8",
        "conditions": [{"type": "Ready", "status": "True"}], "containerStatuses": [
        {"name": "a", "ready": True, "restartCount": 0, "image": "x", "imageID": "", "state": {"running": {}}},
        {"name": "b", "ready": True, "restartCount": 0, "image": "x", "imageID": "", "state": {"running": {}}}]})
    rows = [l.split() for l in dev_sim.kubectl("get", "pods", "-n", dev_ns).stdout.splitlines()]
    assert rows[0] == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["pending-pod"][1:4] == ["0/1", "Pending", "0"]
    assert by_name["crashing"][1:3] == ["0/1", "CrashLoopBackOff"]
    # RESTARTS "3 (6y335d ago)": the count and how long ago the last one ended.
    assert by_name["crashing"][3] == "3" and by_name["crashing"][4].startswith("(") and by_name["crashing"][5] == "ago)"
    assert by_name["two"][1:4] == ["2/2", "Running", "0"]
    wide = [l.split() for l in dev_sim.kubectl("get", "pods", "-n", dev_ns, "-o", "wide").stdout.splitlines()]
    assert wide[0] == ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED", "NODE", "READINESS", "GATES"]
    two = next(r for r in wide if r[0] == "two")
    assert two[-4:] == ["127.10.0.8", "filewallball-dev", "<none>", "<none>"]
    dev_sim.kubectl("delete", "pod", "two", "-n", dev_ns, "--wait=false")


def test_service_cluster_ips_from_the_configured_range(dev_sim, dev_ns):
    dev_sim.kubectl("create", "service", "clusterip", "a", "-n", dev_ns, "--tcp=80:8080")
    dev_sim.kubectl("create", "service", "clusterip", "b", "-n", dev_ns, "--tcp=80:8080")
    dev_sim.kubectl("create", "service", "clusterip", "h", "-n", dev_ns, "--clusterip=None", "--tcp=80")
    ips = json.loads(dev_sim.kubectl("get", "svc", "-n", dev_ns, "-o", "json").stdout)["items"]
    by_name = {s["metadata"]["name"]: s["spec"]["clusterIP"] for s in ips}
    assert by_name["a"].startswith("127.20.") and by_name["b"].startswith("127.20.")
    assert by_name["a"] != by_name["b"]
    assert by_name["h"] == "None"
    taken = dev_sim.kubectl("create", "service", "clusterip", "c", "-n", dev_ns, f"--clusterip={by_name['a']}",
                            "--tcp=80", check=False)
    assert taken.returncode != 0
    assert "provided IP is already allocated" in taken.stderr
    table = dev_sim.kubectl("get", "svc", "a", "-n", dev_ns).stdout.splitlines()
    assert by_name["a"] in table[1].split()
