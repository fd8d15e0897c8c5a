"""Proof of the command line (--tls, --data-dir, SIGTERM) and the simulated controllers."""
import json
import os
import shutil
import tempfile

import pytest
from kubernetes import client, config
from kubernetes.client.rest import ApiException

from conftest import KubeSim, wait_until


def test_deployment_and_job_simulation(sim, ns):
    sim.kubectl("create", "deployment", "web", "-n", ns, "--image=example/web", "--replicas=2")
    sim.kubectl("rollout", "status", "deployment/web", "-n", ns, "--timeout=20s")
    sim.kubectl("wait", "--for=condition=Available", "deployment/web", "-n", ns, "--timeout=20s")
    assert sim.kubectl("get", "deploy", "web", "-n", ns).stdout.splitlines()[1].split()[1] == "2/2"
    sim.kubectl("scale", "deployment", "web", "-n", ns, "--replicas=3")
    sim.kubectl("rollout", "status", "deployment/web", "-n", ns, "--timeout=20s")
    d = json.loads(sim.kubectl("get", "deploy", "web", "-n", ns, "-o", "json").stdout)
    assert d["status"]["readyReplicas"] == 3 and d["status"]["observedGeneration"] == d["metadata"]["generation"]
    sim.kubectl("create", "job", "once", "-n", ns, "--image=example/job")
    sim.kubectl("wait", "--for=condition=Complete", "job/once", "-n", ns, "--timeout=20s")


STATEFULSET = """apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  replicas: 2
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: mariadb
        image: mariadb:10.11
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
"""


def test_statefulset_rollout_and_bound_claims(sim, ns):
    sim.kubectl("apply", "-n", ns, "-f", "-", stdin=STATEFULSET)
    sim.kubectl("rollout", "status", "statefulset/db", "-n", ns, "--timeout=20s")
    assert sim.kubectl("get", "sts", "db", "-n", ns).stdout.splitlines()[1].split()[1] == "2/2"
    for claim in ["data-db-0", "data-db-1"]:
        sim.kubectl("wait", "--for=jsonpath={.status.phase}=Bound", f"pvc/{claim}", "-n", ns, "--timeout=20s")
    pvc = json.loads(sim.kubectl("get", "pvc", "data-db-0", "-n", ns, "-o", "json").stdout)
    assert pvc["status"]["capacity"]["storage"] == "1Gi"
    pv = json.loads(sim.kubectl("get", "pv", pvc["spec"]["volumeName"], "-o", "json").stdout)
    assert pv["spec"]["claimRef"]["name"] == "data-db-0" and pv["status"]["phase"] == "Bound"
    sim.kubectl("scale", "statefulset", "db", "-n", ns, "--replicas=3")
    sim.kubectl("rollout", "status", "statefulset/db", "-n", ns, "--timeout=20s")
    assert sim.kubectl("get", "sts", "db", "-n", ns).stdout.splitlines()[1].split()[1] == "3/3"
    sim.kubectl("wait", "--for=jsonpath={.status.phase}=Bound", "pvc/data-db-2", "-n", ns, "--timeout=20s")


def test_job_outcome_rule_sets_pod_termination_message(sim, ns):
    import urllib.request
    rule = json.dumps({"namespace": ns, "jobNamePrefix": "restore-", "succeed": False, "exitCode": 2,
                       "message": "backup checksum mismatch"}).encode()
    req = urllib.request.Request(sim.api.configuration.host + "/kubesim/job-outcomes", data=rule, method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as r:
        assert r.status == 201
    sim.kubectl("create", "job", "restore-1", "-n", ns, "--image=example/restore")
    sim.kubectl("wait", "--for=condition=Failed", "job/restore-1", "-n", ns, "--timeout=20s")
    messages = sim.kubectl("get", "pods", "-n", ns, "-l", "batch.kubernetes.io/job-name=restore-1", "-o",
                           "jsonpath={range .items[*]}{.status.phase} {.status.containerStatuses[0].state.terminated.exitCode} "
                           "{.status.containerStatuses[0].state.terminated.message}{'\\n'}{end}").stdout.splitlines()
    assert messages and all(m == "Failed 2 backup checksum mismatch" for m in messages), messages
    sim.kubectl("create", "job", "other", "-n", ns, "--image=example/other")
    sim.kubectl("wait", "--for=condition=Complete", "job/other", "-n", ns, "--timeout=20s")
    phase = sim.kubectl("get", "pods", "-n", ns, "-l", "job-name=other", "-o", "jsonpath={.items[0].status.phase}").stdout
    assert phase == "Succeeded"


@pytest.fixture
def tls_workdir():
    d = tempfile.mkdtemp(prefix="kubesim-tls-")
    yield d
    shutil.rmtree(d, ignore_errors=True)


def start_tls(workdir, data_dir):
    s = KubeSim(workdir)
    s.extra_args = ["--tls", "--data-dir", data_dir]
    s.start()
    return s


def test_tls_token_persistence_and_sigterm(tls_workdir):
    data_dir = os.path.join(tls_workdir, "data")
    first = start_tls(os.path.join(tls_workdir, "a"), data_dir)
    try:
        with open(first.kubeconfig) as f:
            text = f.read()
        assert "https://127.0.0.1:" in text and "certificate-authority-data" in text
        first.kubectl("create", "configmap", "kept", "--from-literal=k=v")
        cfg = client.Configuration()
        config.load_kube_config(config_file=first.kubeconfig, client_configuration=cfg)
        cfg.refresh_api_key_hook = None
        cfg.api_key = {"BearerToken": "Bearer wrong-token"}
        with pytest.raises(ApiException) as denied:
            client.CoreV1Api(client.ApiClient(cfg)).list_namespace()
        assert denied.value.status == 401
    finally:
        first.stop()
    assert first.proc.returncode == 0, "SIGTERM stops kubesim cleanly"
    second = start_tls(os.path.join(tls_workdir, "b"), data_dir)
    try:
        cm = json.loads(second.kubectl("get", "configmap", "kept", "-o", "json").stdout)
        assert cm["data"] == {"k": "v"}
    finally:
        second.stop()
