"""Issue 13, BackupPolicy: the CronJob as asked, status that tells successes from failures, and exactly
one Job per backup-now value, also across a controller restart."""
import json

from conftest import wait_until
from operator_helpers import apply, backup_result, condition, get, job_rule, jobs, sample, wait_condition


def setup_cluster(operator, ns):
    apply(operator, ns, sample("cluster.yaml"))
    operator.sim.kubectl("wait", "--for=condition=Ready", "fwb/files", "-n", ns, "--timeout=60s", timeout=90)


def test_policy_becomes_a_cronjob_with_schedule_time_zone_and_command(operator, op_ns):
    setup_cluster(operator, op_ns)
    apply(operator, op_ns, sample("backup-policy.yaml", **{'schedule: "0 2 * * *"': 'schedule: "30 3 * * 1"\n  timeZone: Europe/Paris'}))
    wait_condition(operator, op_ns, "fwbbp", "nightly", "Ready", "True", "Scheduled")
    policy = get(operator, op_ns, "fwbbp", "nightly")
    cron = get(operator, op_ns, "cronjob", "nightly-backup")
    spec = cron["spec"]
    assert (spec["schedule"], spec["timeZone"], spec["concurrencyPolicy"]) == ("30 3 * * 1", "Europe/Paris", "Forbid")
    assert spec["startingDeadlineSeconds"] > 0 and spec["successfulJobsHistoryLimit"] >= 1 and spec["failedJobsHistoryLimit"] >= 1
    assert [(r["kind"], r["uid"]) for r in cron["metadata"]["ownerReferences"]] == [("BackupPolicy", policy["metadata"]["uid"])]
    pod = spec["jobTemplate"]["spec"]["template"]["spec"]
    container = pod["containers"][0]
    command = container.get("command", []) + container.get("args", [])
    assert "backup" in command and "--result-file" in command and "--origin" in command
    assert container["terminationMessagePolicy"] == "FallbackToLogsOnError"
    env = {e["name"]: e for e in container["env"]}
    assert env["FWB_DATABASE_URL"]["valueFrom"]["secretKeyRef"] == {"name": "files-database", "key": "root-url"}
    mounts = {m["name"]: m for m in container["volumeMounts"]}
    claims = {v["name"]: v["persistentVolumeClaim"] for v in pod["volumes"] if "persistentVolumeClaim" in v}
    assert {c["claimName"] for c in claims.values()} == {"nightly-backups", "files-blobs"}
    blob_volume = next(name for name, c in claims.items() if c["claimName"] == "files-blobs")
    assert mounts[blob_volume].get("readOnly") is True
    assert pod["serviceAccountName"] == "nightly-backup" and pod["automountServiceAccountToken"] is False
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert get(operator, op_ns, "serviceaccount", "nightly-backup") is not None
    assert get(operator, op_ns, "persistentvolumeclaim", "nightly-backups") is not None
    assert policy["status"]["nextScheduleTime"]
    out = operator.sim.kubectl("get", "fwbbp", "-n", op_ns).stdout.splitlines()
    assert out[0].split()[:4] == ["NAME", "CLUSTER", "SCHEDULE", "LAST"]


def test_success_and_failure_are_reported_truthfully(operator, op_ns):
    setup_cluster(operator, op_ns)
    apply(operator, op_ns, sample("backup-policy.yaml"))
    job_rule(operator, op_ns, "nightly-now-", message=backup_result("b-good"))
    operator.sim.kubectl("annotate", "fwbbp", "nightly", "-n", op_ns, "filewallball.io/backup-now=one")
    wait_condition(operator, op_ns, "fwbbp", "nightly", "BackupHealthy", "True", "BackupSucceeded")
    status = get(operator, op_ns, "fwbbp", "nightly")["status"]
    assert status["lastSuccessfulBackup"]["name"] == "b-good" and status["lastSuccessfulBackup"]["verified"] is True
    assert [b["name"] for b in status["backups"]] == ["b-good"]
    # A run that failed verification: failed, never complete.
    failure = json.dumps({"status": "error", "code": "verification_failed", "reason": "row_count_mismatch",
                          "message": "restore test found 3 rows, expected 4", "exit_code": 3})
    job_rule(operator, op_ns, "nightly-now-", succeed=False, exit_code=3, message=failure)
    operator.sim.kubectl("annotate", "--overwrite", "fwbbp", "nightly", "-n", op_ns, "filewallball.io/backup-now=two")
    wait_condition(operator, op_ns, "fwbbp", "nightly", "BackupHealthy", "False")
    status = get(operator, op_ns, "fwbbp", "nightly")["status"]
    assert "3 rows" in status["lastFailure"]["message"]
    assert status["lastSuccessfulBackup"]["name"] == "b-good"
    # A run whose Job succeeded but whose backup was not verified is a failure too.
    job_rule(operator, op_ns, "nightly-now-", message=backup_result("b-unverified", verified=False, taken_at="2026-12-02T05:00:00Z"))
    operator.sim.kubectl("annotate", "--overwrite", "fwbbp", "nightly", "-n", op_ns, "filewallball.io/backup-now=three")
    assert wait_until(lambda: get(operator, op_ns, "fwbbp", "nightly")["status"].get("lastFailure", {}).get("reason") == "NotVerified", timeout=20)
    status = get(operator, op_ns, "fwbbp", "nightly")["status"]
    assert status["lastSuccessfulBackup"]["name"] == "b-good"
    assert condition(get(operator, op_ns, "fwbbp", "nightly"), "BackupHealthy")["status"] == "False"
    reasons = {e["reason"] for e in json.loads(operator.sim.kubectl("get", "events", "-n", op_ns, "-o", "json").stdout)["items"]
               if e["involvedObject"]["name"] == "nightly"}
    assert {"BackupStarted", "BackupSucceeded", "NotVerified"} <= reasons


def test_one_job_per_annotation_value_also_across_a_restart(operator, op_ns):
    setup_cluster(operator, op_ns)
    apply(operator, op_ns, sample("backup-policy.yaml"))
    job_rule(operator, op_ns, "nightly-now-", message=backup_result("b1"))
    on_demand = "filewallball.io/backup-policy=nightly,filewallball.io/backup-job=on-demand"
    operator.sim.kubectl("annotate", "fwbbp", "nightly", "-n", op_ns, "filewallball.io/backup-now=v1")
    assert wait_until(lambda: get(operator, op_ns, "fwbbp", "nightly")["status"].get("lastOnDemandRequest") == "v1", timeout=20)
    assert len(jobs(operator, op_ns, on_demand)) == 1
    operator.stop_controller()
    operator.start_controller()
    wait_until(lambda: False, timeout=3)
    assert len(jobs(operator, op_ns, on_demand)) == 1, "a restart started the same request again"
    operator.sim.kubectl("annotate", "--overwrite", "fwbbp", "nightly", "-n", op_ns, "filewallball.io/backup-now=v2")
    assert wait_until(lambda: get(operator, op_ns, "fwbbp", "nightly")["status"].get("lastOnDemandRequest") == "v2", timeout=20)
    # The same value again is no new request.
    operator.sim.kubectl("annotate", "--overwrite", "fwbbp", "nightly", "-n", op_ns, "filewallball.io/backup-now=v2")
    wait_until(lambda: False, timeout=2)
    assert len(jobs(operator, op_ns, on_demand)) == 2


def test_missing_cluster_is_a_condition_not_a_crash_loop(operator, op_ns):
    apply(operator, op_ns, sample("backup-policy.yaml"))
    wait_condition(operator, op_ns, "fwbbp", "nightly", "Ready", "False", "ClusterNotFound")
    assert get(operator, op_ns, "cronjob", "nightly-backup", check=False) is None
    start = len(operator.requests())
    wait_until(lambda: False, timeout=3)
    assert [r for r in operator.requests()[start:] if r.get("namespace") == op_ns] == []
    setup_cluster(operator, op_ns)
    wait_condition(operator, op_ns, "fwbbp", "nightly", "Ready", "True", "Scheduled")
    assert get(operator, op_ns, "cronjob", "nightly-backup") is not None
