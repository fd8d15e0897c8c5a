"""Issue 13, FileWallBallCluster: the sample cluster applied with kubectl becomes MariaDB, Redis and the
file service, reported truthfully; drift is repaired; deletion honours the deletion policy."""
import base64
import json
import os

from conftest import REPO, wait_until

SAMPLE = os.path.join(REPO, "k8s", "samples", "cluster.yaml")
LABELS = ["app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component",
          "app.kubernetes.io/managed-by", "app.kubernetes.io/part-of"]
OWNED = [("statefulset", "files-mariadb"), ("deployment", "files-redis"), ("deployment", "files-api"),
         ("service", "files-mariadb"), ("service", "files-mariadb-headless"), ("service", "files-redis"),
         ("service", "files-api"), ("service", "files-api-admin"), ("configmap", "files-mariadb"),
         ("configmap", "files-redis"), ("poddisruptionbudget", "files-api"),
         ("networkpolicy", "files-mariadb"), ("networkpolicy", "files-redis")]
DATA = [("secret", "files-database"), ("secret", "files-cache"), ("secret", "files-admin"),
        ("persistentvolumeclaim", "files-blobs")]


def get(operator, ns, kind, name, check=True):
    r = operator.sim.kubectl("get", kind, name, "-n", ns, "-o", "json", check=check)
    return json.loads(r.stdout) if r.returncode == 0 else None


def apply_sample(operator, ns, text=None):
    if text is None:
        operator.sim.kubectl("apply", "-n", ns, "-f", SAMPLE)
    else:
        operator.sim.kubectl("apply", "-n", ns, "-f", "-", stdin=text)


def wait_ready(operator, ns, name="files", timeout="60s"):
    operator.sim.kubectl("wait", "--for=condition=Ready", f"fwb/{name}", "-n", ns, f"--timeout={timeout}", timeout=90)


def test_sample_cluster_becomes_ready_with_owned_objects(operator, op_ns):
    apply_sample(operator, op_ns)
    wait_ready(operator, op_ns)
    cluster = get(operator, op_ns, "fwb", "files")
    uid = cluster["metadata"]["uid"]
    for kind, name in OWNED:
        obj = get(operator, op_ns, kind, name)
        refs = obj["metadata"].get("ownerReferences", [])
        assert [(r["kind"], r["name"], r["uid"], r.get("controller")) for r in refs] == [("FileWallBallCluster", "files", uid, True)], (kind, name)
        assert all(key in obj["metadata"]["labels"] for key in LABELS), (kind, name)
        assert obj["metadata"]["labels"]["app.kubernetes.io/managed-by"] == "filewallball-controller"
    # Retain (the sample's policy): data objects carry no owner reference, so they outlive the cluster.
    for kind, name in DATA:
        obj = get(operator, op_ns, kind, name)
        assert "ownerReferences" not in obj["metadata"], (kind, name)
    # Every pod template runs under the restricted Pod Security Standard.
    for kind, name in [("statefulset", "files-mariadb"), ("deployment", "files-redis"), ("deployment", "files-api")]:
        spec = get(operator, op_ns, kind, name)["spec"]["template"]["spec"]
        assert spec["securityContext"]["runAsNonRoot"] is True
        assert spec["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
        for container in spec["containers"]:
            sc = container["securityContext"]
            assert sc["allowPrivilegeEscalation"] is False and sc["capabilities"]["drop"] == ["ALL"]
    status = cluster["status"]
    assert status["phase"] == "Ready" and status["replicaSummary"] == "2/2"
    assert status["url"] == f"http://files-api.{op_ns}.svc:8080"
    assert status["secrets"] == {"database": "files-database", "cache": "files-cache", "admin": "files-admin"}
    types = {c["type"]: c for c in status["conditions"]}
    assert set(types) == {"Ready", "DatabaseReady", "CacheReady", "AppReady", "Degraded"}
    assert all(c["observedGeneration"] == cluster["metadata"]["generation"] and c["reason"] and c["message"] for c in types.values())
    # Printer columns.
    out = operator.sim.kubectl("get", "fwb", "-n", op_ns).stdout.splitlines()
    assert out[0].split() == ["NAME", "READY", "PHASE", "REPLICAS", "AGE"]
    assert out[1].split()[:4] == ["files", "True", "Ready", "2/2"]
    # Every condition change came with an Event.
    events = json.loads(operator.sim.kubectl("get", "events", "-n", op_ns, "-o", "json").stdout)["items"]
    reasons = {e["reason"] for e in events if e["involvedObject"]["name"] == "files"}
    assert {"AllComponentsReady", "StatefulSetReady", "DeploymentReady", "ReplicasReady"} <= reasons


def test_scale_reaches_the_deployment_and_one_replica_drops_the_budget(operator, op_ns):
    apply_sample(operator, op_ns)
    wait_ready(operator, op_ns)
    operator.sim.kubectl("scale", "fwb", "files", "-n", op_ns, "--replicas=5")
    assert wait_until(lambda: get(operator, op_ns, "deployment", "files-api")["spec"]["replicas"] == 5, timeout=15)
    assert wait_until(lambda: get(operator, op_ns, "fwb", "files")["status"].get("replicaSummary") == "5/5", timeout=30)
    operator.sim.kubectl("scale", "fwb", "files", "-n", op_ns, "--replicas=1")
    assert wait_until(lambda: get(operator, op_ns, "poddisruptionbudget", "files-api", check=False) is None, timeout=15)
    assert get(operator, op_ns, "deployment", "files-api")["spec"]["replicas"] == 1


def test_drift_is_repaired_and_passwords_are_never_regenerated(operator, op_ns):
    apply_sample(operator, op_ns)
    wait_ready(operator, op_ns)
    before = get(operator, op_ns, "secret", "files-database")["data"]
    admin_before = get(operator, op_ns, "secret", "files-admin")["data"]["password"]
    old_uid = get(operator, op_ns, "service", "files-api")["metadata"]["uid"]
    operator.sim.kubectl("delete", "service", "files-api", "-n", op_ns)
    operator.sim.kubectl("scale", "deployment", "files-api", "-n", op_ns, "--replicas=9")
    operator.sim.kubectl("patch", "secret", "files-database", "-n", op_ns, "--type=json",
                         "-p", '[{"op":"remove","path":"/data/password"},{"op":"remove","path":"/data/root-password"}]')
    operator.sim.kubectl("patch", "configmap", "files-redis", "-n", op_ns, "--type=merge", "-p", '{"data":{"redis.conf":"maxmemory 1gb\\n"}}')

    def repaired():
        svc = get(operator, op_ns, "service", "files-api", check=False)
        return (svc is not None and svc["metadata"]["uid"] != old_uid
                and get(operator, op_ns, "deployment", "files-api")["spec"]["replicas"] == 2
                and get(operator, op_ns, "secret", "files-database")["data"] == before
                and "maxmemory 256mb" in get(operator, op_ns, "configmap", "files-redis")["data"]["redis.conf"])
    assert wait_until(repaired, timeout=15)
    assert get(operator, op_ns, "secret", "files-admin")["data"]["password"] == admin_before
    assert base64.b64decode(before["password"]).decode() in base64.b64decode(before["url"]).decode()


def test_steady_state_makes_no_writes(operator, op_ns):
    apply_sample(operator, op_ns)
    wait_ready(operator, op_ns)
    # Let the last status and event writes land, then watch the log for 30 s.
    wait_until(lambda: False, timeout=3)
    start = len(operator.requests())
    wait_until(lambda: False, timeout=30)
    # Lease renewals are leader election's heartbeat (every 2 s by default), not reconciliation.
    writes = [(r["verb"], r["resource"], r.get("name")) for r in operator.requests()[start:]
              if r["verb"] not in ("get", "list", "watch") and r["resource"] != "leases"]
    assert writes == [], writes


def test_delete_policy_removes_data_and_retain_keeps_it(operator, op_ns):
    text = open(SAMPLE).read().replace("deletionPolicy: Retain", "deletionPolicy: Delete").replace("name: files", "name: gone")
    apply_sample(operator, op_ns, text)
    apply_sample(operator, op_ns)
    wait_ready(operator, op_ns, "gone")
    wait_ready(operator, op_ns, "files")
    assert "ownerReferences" in get(operator, op_ns, "secret", "gone-admin")["metadata"]
    operator.sim.kubectl("delete", "fwb", "gone", "files", "-n", op_ns, "--timeout=30s", timeout=40)
    for kind, name in [("secret", "gone-database"), ("secret", "gone-cache"), ("secret", "gone-admin"),
                       ("persistentvolumeclaim", "gone-blobs"), ("persistentvolumeclaim", "data-gone-mariadb-0")]:
        assert wait_until(lambda: get(operator, op_ns, kind, name, check=False) is None, timeout=15), (kind, name)
    for kind, name in DATA + [("persistentvolumeclaim", "data-files-mariadb-0")]:
        assert get(operator, op_ns, kind, name, check=False) is not None, (kind, name)
    events = json.loads(operator.sim.kubectl("get", "events", "-n", op_ns, "-o", "json").stdout)["items"]
    retained = [e["message"] for e in events if e["reason"] == "DataRetained" and e["involvedObject"]["name"] == "files"]
    assert retained and "Secret/files-admin" in retained[0]
    # A cluster created again under the same name finds its passwords and keeps them.
    admin = get(operator, op_ns, "secret", "files-admin")["data"]["password"]
    apply_sample(operator, op_ns)
    wait_ready(operator, op_ns)
    assert get(operator, op_ns, "secret", "files-admin")["data"]["password"] == admin


def test_a_spec_the_schema_cannot_refuse_is_reported_as_invalid(operator, op_ns):
    text = open(SAMPLE).read().replace("maxUploadSize: 10Gi", "maxUploadSize: 1500m")
    apply_sample(operator, op_ns, text)
    operator.sim.kubectl("wait", "--for=jsonpath={.status.phase}=Failed", "fwb/files", "-n", op_ns, "--timeout=20s", timeout=30)
    ready = {c["type"]: c for c in get(operator, op_ns, "fwb", "files")["status"]["conditions"]}["Ready"]
    assert ready["status"] == "False" and ready["reason"] == "InvalidSpec"
    assert "spec.app.maxUploadSize" in ready["message"]
    # No hot loop: the controller made no request about it for 3 s.
    wait_until(lambda: False, timeout=1)
    start = len(operator.requests())
    wait_until(lambda: False, timeout=3)
    assert [r for r in operator.requests()[start:] if r.get("namespace") == op_ns] == []
    # Fixing the spec recovers.
    apply_sample(operator, op_ns)
    wait_ready(operator, op_ns)
