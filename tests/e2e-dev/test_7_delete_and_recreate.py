"""Scenario 7: deleting the cluster (deletionPolicy Retain) stops its processes and keeps the volumes'
directories; re-creating it serves the same data."""
import json
import os

from conftest import REPO, authorized, http


def test_delete_with_retain_then_recreate_serves_the_same_data(dev):
    dev.wait_ready()
    base = dev.api_url()
    token = dev.login()
    status, body, _ = http("POST", base + "/api/v1/files?name=survivor.txt", b"kept across re-creation", authorized(token))
    assert status == 201, body
    file_id = json.loads(body)["id"]
    pids = [int(p["status"]["containerStatuses"][0]["containerID"].split("//")[1])
            for p in dev.json("get", "pods")["items"]
            if p["status"].get("phase") == "Running" and p["status"].get("containerStatuses", [{}])[0].get("containerID")]
    assert pids
    volumes = sorted(os.listdir(os.path.join(dev.data, "volumes")))
    assert volumes

    dev.kubectl("delete", "fwb", "files", "--wait=true", "--timeout=90s", timeout=120)

    def all_stopped():
        serving = [p for p in dev.json("get", "pods")["items"] if p["status"].get("phase") in ("Pending", "Running")]
        return serving == [] and not any(alive(pid) for pid in pids)
    dev.wait_for(all_stopped, timeout=90, what="every running pod and process of the cluster gone")
    assert sorted(os.listdir(os.path.join(dev.data, "volumes"))) == volumes, "the volumes' directories stay"
    claims = [c["metadata"]["name"] for c in dev.json("get", "pvc")["items"]]
    assert "files-blobs" in claims or any(name.startswith("files-") for name in claims), claims

    dev.kubectl("apply", "-f", os.path.join(REPO, "k8s", "samples", "cluster.yaml"))
    dev.wait_ready(timeout=180)
    token = dev.login()  # the admin Secret was retained too: same password
    status, body, _ = http("GET", f"{dev.api_url()}/api/v1/files/{file_id}", None, authorized(token))
    assert status == 200 and body == b"kept across re-creation", (status, body)


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
