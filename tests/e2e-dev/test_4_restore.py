"""Scenario 4: after data changes, a RestoreRequest for the first backup goes through its phases to
Completed; the file API then shows the earlier state, blobs included; the safety backup is listed."""
import json
import subprocess
import time

from conftest import authorized, http


def test_restore_brings_back_the_earlier_state(dev, shared):
    kept_id, kept_bytes = shared["kept"]
    first_backup = shared["first_backup"]
    dev.wait_ready()
    base = dev.api_url()
    token = dev.login()
    status, _, _ = http("DELETE", f"{base}/api/v1/files/{kept_id}", None, authorized(token))
    assert status in (200, 204), status
    status, body, _ = http("POST", base + "/api/v1/files?name=later.txt", b"after the backup", authorized(token))
    assert status == 201, body
    later_id = json.loads(body)["id"]

    watch = subprocess.Popen([dev.kubectl_bin, "get", "fwbrr", "-w", "--no-headers"], env=dev.env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        dev.kubectl("apply", "-f", "-", input=f"""apiVersion: filewallball.io/v1alpha1
kind: RestoreRequest
metadata:
  name: back-to-first
spec:
  clusterRef:
    name: files
  backupPolicyName: nightly
  backup: {first_backup}
""")
        def completed():
            request = dev.json("get", "fwbrr", "back-to-first")
            phase = request.get("status", {}).get("phase")
            assert phase != "Failed", request["status"]
            return phase == "Completed" and request
        request = dev.wait_for(completed, timeout=180, interval=1, what="the restore to complete")
        time.sleep(1)
    finally:
        watch.terminate()
        output, _ = watch.communicate(timeout=10)
    phases = [line.split()[3] for line in output.splitlines() if len(line.split()) >= 4]
    assert "Completed" in phases, output
    assert phases.index("Completed") > 0, f"earlier phases are visible live: {phases}"
    assert request["status"]["restoredBackup"] == first_backup
    safety = request["status"]["safetyBackupName"]

    dev.wait_ready(timeout=120)
    token = dev.login()
    status, body, _ = http("GET", f"{base}/api/v1/files/{kept_id}", None, authorized(token))
    assert status == 200 and body == kept_bytes, "the deleted file and its blob are back"
    status, _, _ = http("GET", f"{base}/api/v1/files/{later_id}", None, authorized(token))
    assert status == 404, "the file uploaded after the backup is gone"
    backups = dev.json("get", "fwbbp", "nightly")["status"]["backups"]
    assert any(b["name"] == safety for b in backups), (safety, backups)
