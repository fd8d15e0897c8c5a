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
