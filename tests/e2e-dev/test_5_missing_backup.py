"""Scenario 5: a RestoreRequest for a backup that does not exist ends Failed with a clear message and
leaves the live data untouched."""
import json

from conftest import authorized, http


def test_missing_backup_fails_clearly_and_touches_nothing(dev):
    dev.wait_ready()
    base = dev.api_url()
    token = dev.login()
    status, body, _ = http("GET", base + "/api/v1/files?limit=100", None, authorized(token))
    assert status == 200
    before = sorted(item["id"] for item in json.loads(body)["items"])
    dev.kubectl("apply", "-f", "-", input="""apiVersion: filewallball.io/v1alpha1
kind: RestoreRequest
metadata:
  name: no-such-backup
spec:
  clusterRef:
    name: files
  backupPolicyName: nightly
  backup: filewallball_backup_19990101_000000.sql.gz
  safetyBackup: true
""")
    def failed():
        status = dev.json("get", "fwbrr", "no-such-backup").get("status", {})
        return status.get("phase") == "Failed" and status
    status = dev.wait_for(failed, timeout=120, interval=1, what="the request to fail")
    assert "filewallball_backup_19990101_000000.sql.gz" in status["message"], status["message"]
    dev.wait_ready(timeout=60)
    token = dev.login()
    status, body, _ = http("GET", base + "/api/v1/files?limit=100", None, authorized(token))
    assert status == 200
    assert sorted(item["id"] for item in json.loads(body)["items"]) == before
