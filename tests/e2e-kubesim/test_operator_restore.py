"""Issue 13, RestoreRequest: a safety backup, then the restore Job, phases as they happen; one restore
per cluster; a missing backup fails before anything runs."""
import json
import subprocess
import time

from conftest import wait_until
from operator_helpers import apply, backup_result, condition, get, job_rule, jobs, sample


def setup_with_backup(operator, ns):
    apply(operator, ns, sample("cluster.yaml"))
    apply(operator, ns, sample("backup-policy.yaml"))
    operator.sim.kubectl("wait", "--for=condition=Ready", "fwb/files", "-n", ns, "--timeout=60s", timeout=90)
    job_rule(operator, ns, "nightly-now-", message=backup_result("b-one"))
    operator.sim.kubectl("annotate", "fwbbp", "nightly", "-n", ns, "filewallball.io/backup-now=1")
    assert wait_until(lambda: [b["name"] for b in get(operator, ns, "fwbbp", "nightly")["status"].get("backups", [])] == ["b-one"], timeout=20)


def restore_yaml(name, backup="latest"):
    return sample("restore-request.yaml", **{"name: restore-latest": f"name: {name}", "backup: latest": f"backup: {backup}"})


def phase(operator, ns, name):
    return (get(operator, ns, "fwbrr", name, check=False) or {}).get("status", {}).get("phase")


def test_safety_backup_then_restore_with_phases_visible_live(operator, op_ns):
    setup_with_backup(operator, op_ns)
    job_rule(operator, op_ns, "rr-safety", message=backup_result("b-safety", origin="safety"))
    job_rule(operator, op_ns, "rr-restore", message=json.dumps({"status": "ok", "restored": "b-one"}))
    watch = operator.sim.kubectl_popen("get", "fwbrr", "-n", op_ns, "-w", "--no-headers", "--request-timeout=40s")
    time.sleep(1)
    apply(operator, op_ns, restore_yaml("rr", backup="b-one"))
    assert wait_until(lambda: phase(operator, op_ns, "rr") == "Completed", timeout=40)
    time.sleep(1)
    watch.terminate()
    seen = [line.split()[3] for line in watch.communicate()[0].splitlines() if line.startswith("rr ")]
    assert seen[-1] == "Completed"
    order = ["Pending", "SafetyBackup", "Restoring", "Verifying", "Completed"]
    positions = [order.index(p) for p in seen if p in order]
    assert positions == sorted(positions) and {"SafetyBackup", "Restoring", "Completed"} <= set(seen), seen
    status = get(operator, op_ns, "fwbrr", "rr")["status"]
    assert status["restoredBackup"] == "b-one" and status["safetyBackupName"] == "b-safety"
    assert status["startedAt"] and status["completedAt"]
    restore_job = get(operator, op_ns, "job", "rr-restore")
    container = restore_job["spec"]["template"]["spec"]["containers"][0]
    command = container.get("command", []) + container.get("args", [])
    assert "restore" in command and "--no-safety-backup" in command and "b-one" in command
    assert restore_job["metadata"]["ownerReferences"][0]["kind"] == "RestoreRequest"
    safety = get(operator, op_ns, "job", "rr-safety")["spec"]["template"]["spec"]["containers"][0]
    assert "safety" in safety.get("command", []) + safety.get("args", [])


def test_a_second_request_for_the_same_cluster_waits(operator, op_ns):
    setup_with_backup(operator, op_ns)
    job_rule(operator, op_ns, "first-safety", hold=True)
    apply(operator, op_ns, restore_yaml("first"))
    assert wait_until(lambda: phase(operator, op_ns, "first") == "SafetyBackup", timeout=20)
    apply(operator, op_ns, restore_yaml("second"))
    assert wait_until(lambda: phase(operator, op_ns, "second") == "Pending", timeout=20)
    wait_until(lambda: False, timeout=2)
    second = get(operator, op_ns, "fwbrr", "second")
    assert second["status"]["phase"] == "Pending"
    assert "first" in condition(second, "Ready")["message"]
    assert jobs(operator, op_ns, "filewallball.io/restore-request=second") == []
    # The first ends (here: its safety backup fails, so nothing was restored); the second goes on.
    job_rule(operator, op_ns, "first-safety", succeed=False, exit_code=2,
             message=json.dumps({"status": "error", "code": "dump_failed", "reason": "x", "message": "disk full", "exit_code": 2}))
    assert wait_until(lambda: phase(operator, op_ns, "first") == "Failed", timeout=20)
    assert "untouched" in get(operator, op_ns, "fwbrr", "first")["status"]["message"]
    assert wait_until(lambda: phase(operator, op_ns, "second") not in (None, "Pending"), timeout=20)


def test_a_missing_backup_or_cluster_fails_before_any_job(operator, op_ns):
    setup_with_backup(operator, op_ns)
    apply(operator, op_ns, restore_yaml("nobackup", backup="b-does-not-exist"))
    assert wait_until(lambda: phase(operator, op_ns, "nobackup") == "Failed", timeout=20)
    status = get(operator, op_ns, "fwbrr", "nobackup")["status"]
    assert "b-does-not-exist" in status["message"]
    assert condition(get(operator, op_ns, "fwbrr", "nobackup"), "Failed")["reason"] == "BackupNotFound"
    apply(operator, op_ns, sample("restore-request.yaml", **{"name: restore-latest": "name: nocluster", "name: files": "name: elsewhere"}))
    assert wait_until(lambda: phase(operator, op_ns, "nocluster") == "Failed", timeout=20)
    assert condition(get(operator, op_ns, "fwbrr", "nocluster"), "Failed")["reason"] == "ClusterNotFound"
    assert jobs(operator, op_ns, "filewallball.io/restore-request") == []


def test_the_spec_is_immutable(operator, op_ns):
    setup_with_backup(operator, op_ns)
    apply(operator, op_ns, restore_yaml("fixed", backup="b-one"))
    r = operator.sim.kubectl("patch", "fwbrr", "fixed", "-n", op_ns, "--type=merge", "-p", '{"spec":{"backup":"other"}}', check=False)
    assert r.returncode != 0, r.stdout
    assert "immutable" in r.stderr.lower() or "oldSelf" in r.stderr, r.stderr
    assert get(operator, op_ns, "fwbrr", "fixed")["spec"]["backup"] == "b-one"
