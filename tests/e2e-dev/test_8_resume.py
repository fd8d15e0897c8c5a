"""Ctrl-C stops everything `filewallball dev` started (by pid); a second run on the same data directory
resumes the same cluster with its files and database rows."""
import json
import os

from conftest import authorized, http


def test_ctrl_c_stops_everything_and_a_second_run_resumes(dev):
    dev.wait_ready()
    token = dev.login()
    status, body, _ = http("POST", dev.api_url() + "/api/v1/files?name=resume.txt", b"across a restart of dev", authorized(token))
    assert status == 201, body
    file_id = json.loads(body)["id"]
    pids = [int(p["status"]["containerStatuses"][0]["containerID"].split("//")[1])
            for p in dev.json("get", "pods")["items"] if p["status"].get("phase") == "Running"]
    assert len(pids) >= 4

    dev.stop()
    for pid in pids:
        try:
            os.kill(pid, 0)
            raise AssertionError(f"process {pid} outlived filewallball dev")
        except ProcessLookupError:
            pass

    dev.start(apply_samples=False)
    dev.wait_ready(timeout=180)
    token = dev.login()
    status, body, _ = http("GET", f"{dev.api_url()}/api/v1/files/{file_id}", None, authorized(token))
    assert status == 200 and body == b"across a restart of dev", (status, body)
