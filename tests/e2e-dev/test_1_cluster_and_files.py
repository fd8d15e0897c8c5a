"""Scenario 1: the CRDs are installed, the sample cluster becomes Ready, and the file API works through
the Service address with the generated admin password."""
import hashlib
import json
import os

from conftest import REPO, authorized, http


def crd_generations(dev):
    return {item["metadata"]["name"]: item["metadata"]["generation"]
            for item in dev.json("get", "crd")["items"] if item["spec"]["group"] == "filewallball.io"}


def test_crds_already_installed_and_apply_is_a_noop(dev):
    before = crd_generations(dev)
    assert len(before) == 3, before
    result = dev.kubectl("apply", "-f", os.path.join(REPO, "crds"))
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 3, result.stdout
    # dev installed exactly these files: the schema does not change (kubectl may only add its
    # last-applied annotation the first time, which is metadata and leaves the generation alone).
    assert crd_generations(dev) == before
    assert dev.kubectl("apply", "-f", os.path.join(REPO, "crds")).stdout.count("unchanged") == 3
    # Server-side: the schema the API serves is the one `filewallball crds` prints.
    explain = dev.kubectl("explain", "fwb.spec.cache").stdout
    assert "maxMemory" in explain


def test_sample_cluster_becomes_ready_with_real_processes(dev):
    dev.wait_ready(timeout=180)
    cluster = dev.json("get", "fwb", "files")
    assert cluster["status"]["phase"] == "Ready"
    assert cluster["status"]["readyReplicas"] == 2
    pods = dev.json("get", "pods")["items"]
    running = [p for p in pods if p["status"].get("phase") == "Running"]
    assert len(running) >= 4, [p["metadata"]["name"] for p in pods]
    for pod in running:
        ip = pod["status"]["podIP"]
        assert ip.startswith("127.10."), ip
        status = pod["status"]["containerStatuses"][0]
        assert status["ready"] is True
        assert status["containerID"].startswith("filewallball-dev://")
    # kubectl logs reads the real process's output.
    logs = dev.kubectl("logs", "statefulset/files-mariadb", "--tail=50").stdout
    assert "ready for connections" in logs


def test_login_upload_download_list(dev):
    dev.wait_ready()
    base = dev.api_url()
    status, body, _ = http("GET", base + "/healthz")
    assert status == 200, body
    token = dev.login()
    payload = os.urandom(256 * 1024) + b"end"
    status, body, _ = http("POST", base + "/api/v1/files?name=e2e.bin", payload,
                           authorized(token, {"Content-Type": "application/octet-stream"}))
    assert status == 201, body
    meta = json.loads(body)
    assert meta["size"] == len(payload)
    assert meta["sha256"] == hashlib.sha256(payload).hexdigest()
    status, body, headers = http("GET", f"{base}/api/v1/files/{meta['id']}", None, authorized(token))
    assert status == 200 and body == payload
    status, body, _ = http("GET", base + "/api/v1/files?limit=10", None, authorized(token))
    assert status == 200
    assert meta["id"] in [item["id"] for item in json.loads(body)["items"]]
