"""Scenario 3: a BackupPolicy whose schedule fires within a minute gets a verified backup into its status;
the on-demand annotation starts exactly one more."""
import json

from conftest import authorized, http

POLICY = """apiVersion: filewallball.io/v1alpha1
kind: BackupPolicy
metadata:
  name: nightly
spec:
  clusterRef:
    name: files
  schedule: "* * * * *"
  retention:
    days: 7
    minCount: 3
  compression: gzip
  verification: restore-test
  includeFiles: true
"""


def policy_status(dev):
    return dev.json("get", "fwbbp", "nightly").get("status", {})


def test_scheduled_then_on_demand_backups_are_verified(dev, shared):
    dev.wait_ready()
    base = dev.api_url()
    token = dev.login()
    payload = b"in the first backup " * 1000
    status, body, _ = http("POST", base + "/api/v1/files?name=kept.bin", payload, authorized(token, {"Content-Type": "application/octet-stream"}))
    assert status == 201, body
    shared["kept"] = (json.loads(body)["id"], payload)

    dev.kubectl("apply", "-f", "-", input=POLICY)
    cron = dev.json("get", "cronjob", "nightly-backup")
    assert cron["spec"]["schedule"] == "* * * * *"
    def first_backup():
        status = policy_status(dev)
        if status.get("lastFailure"):
            raise RuntimeError(f"a backup failed: {status['lastFailure']}")
        return status.get("lastSuccessfulBackup")
    first = dev.wait_for(first_backup, timeout=150, interval=1, what="the first scheduled backup")
    assert first["verified"] is True
    assert first["sizeBytes"] > 0 and len(first["sha256"]) == 64
    shared["first_backup"] = first["name"]
    assert any(b["name"] == first["name"] and b["verified"] for b in policy_status(dev)["backups"])
    scheduled_jobs = [j for j in dev.json("get", "jobs")["items"] if j["metadata"]["name"].startswith("nightly-backup-")]
    assert scheduled_jobs, "the CronJob created the Job"

    dev.kubectl("annotate", "backuppolicy", "nightly", "filewallball.io/backup-now=e2e-1")
    def on_demand_done():
        status = policy_status(dev)
        names = [b["name"] for b in status.get("backups", []) if b.get("origin") == "on-demand" and b["verified"]]
        return status.get("lastOnDemandRequest") == "e2e-1" and names
    dev.wait_for(on_demand_done, timeout=90, interval=1, what="the on-demand backup")
    on_demand_jobs = [j for j in dev.json("get", "jobs")["items"] if j["metadata"]["name"].startswith("nightly-now-")]
    assert len(on_demand_jobs) == 1, [j["metadata"]["name"] for j in on_demand_jobs]
