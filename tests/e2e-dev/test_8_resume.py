"""Ctrl-C stops everything `filewallball dev` started (by pid); a second run on the same data directory
resumes the same cluster with its files and database rows."""
import json
import os
import time

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

    restarted_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    dev.start(apply_samples=False)
    # The previous run's readiness is gone: every Pod reports from this run (not ready until its probes
    # pass again), and the cluster becomes Ready again from those.
    for pod in dev.json("get", "pods")["items"]:
        if pod["status"].get("phase") in ("Running", "Pending"):
            state = pod["status"]["containerStatuses"][0]["state"]
            started = state.get("running", {}).get("startedAt", "")
            assert "waiting" in state or started >= restarted_at, (pod["metadata"]["name"], state)
    dev.wait_for(lambda: all(p["status"]["containerStatuses"][0]["ready"] for p in dev.json("get", "pods")["items"]
                             if p["status"].get("phase") == "Running"), timeout=120, what="every resumed pod ready again")
    dev.wait_ready(timeout=180)
    token = dev.login()
    status, body, _ = http("GET", f"{dev.api_url()}/api/v1/files/{file_id}", None, authorized(token))
    assert status == 200 and body == b"across a restart of dev", (status, body)
