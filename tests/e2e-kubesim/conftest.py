"""Fixtures for the KubeSim proof suite.

The suite starts its own `filewallball kubesim` on a free 127.0.0.1 port and talks to it only
through the real kubectl (pinned to the versioned binary matching KubeSim's /version) and the
official Python client.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
import uuid

import pytest
from kubernetes import client, config

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
FIXTURES = os.path.join(HERE, "fixtures")
PINNED_KUBECTL = "/usr/lib/google-cloud-sdk/bin/kubectl.1.31"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class KubeSim:
    """A running `filewallball kubesim` process plus helpers to drive it."""

    def __init__(self, workdir):
        os.makedirs(workdir, exist_ok=True)
        self.workdir = workdir
        self.kubeconfig = os.path.join(workdir, "kubeconfig")
        self.port = free_port()
        self.kubectl_bin = os.environ.get("KUBECTL") or (
            PINNED_KUBECTL if os.path.exists(PINNED_KUBECTL) else shutil.which("kubectl"))
        self.env = dict(os.environ)
        self.env["KUBECONFIG"] = self.kubeconfig
        self.env["KUBECACHEDIR"] = os.path.join(workdir, "kube-cache")
        self.proc = None
        self.extra_args = []

    def start(self):
        binary = os.environ.get("FWB_BIN", os.path.join(REPO, ".build", "debug", "filewallball"))
        self.log = open(os.path.join(self.workdir, "kubesim.log"), "w")
        self.proc = subprocess.Popen(
            [binary, "kubesim", "--listen", f"127.0.0.1:{self.port}", "--kubeconfig", self.kubeconfig, *self.extra_args],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while not os.path.exists(self.kubeconfig):
            if self.proc.poll() is not None:
                raise RuntimeError(f"kubesim exited with {self.proc.returncode}")
            if time.time() > deadline:
                raise RuntimeError("kubesim did not write its kubeconfig in time")
            time.sleep(0.05)
        self.api = config.new_client_from_config(config_file=self.kubeconfig)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()

    def kubectl_minor(self):
        out = subprocess.run([self.kubectl_bin, "version", "--client", "-o", "json"], capture_output=True, text=True)
        return int(json.loads(out.stdout)["clientVersion"]["minor"])

    def kubectl(self, *args, check=True, timeout=30, stdin=None):
        r = subprocess.run([self.kubectl_bin, *args], env=self.env, capture_output=True, text=True,
                           timeout=timeout, input=stdin)
        if check and r.returncode != 0:
            raise AssertionError(f"kubectl {' '.join(args)} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
        return r

    def kubectl_popen(self, *args):
        return subprocess.Popen([self.kubectl_bin, *args], env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    def custom(self):
        return client.CustomObjectsApi(self.api)

    def core(self):
        return client.CoreV1Api(self.api)

    def compact(self):
        """KubeSim test hook: drop watch history so older resourceVersions get 410 Gone."""
        req = urllib.request.Request(self.api.configuration.host + "/kubesim/compact", method="POST", data=b"")
        with urllib.request.urlopen(req, timeout=5) as r:
            assert r.status == 200


@pytest.fixture(scope="session")
def sim():
    workdir = tempfile.mkdtemp(prefix="kubesim-e2e-")
    s = KubeSim(workdir)
    s.start()
    yield s
    s.stop()
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def widget_crd(sim):
    sim.kubectl("apply", "-f", os.path.join(FIXTURES, "crd-widget.yaml"))
    sim.kubectl("wait", "--for=condition=Established", "crd/widgets.example.test", "--timeout=10s")
    return "widgets.example.test"


@pytest.fixture
def ns(sim):
    name = "t-" + uuid.uuid4().hex[:8]
    sim.kubectl("apply", "-f", "-", stdin=f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n")
    yield name
    sim.kubectl("delete", "namespace", name, "--wait=false", check=False)


def widget_yaml(name, color="red", size=None, extra_meta="", owner=None):
    spec = f"  color: {color}\n"
    if size is not None:
        spec += f"  size: {size}\n"
    if owner is not None:
        spec += f"  owner: {owner}\n"
    return (f"apiVersion: example.test/v1\nkind: Widget\nmetadata:\n  name: {name}\n{extra_meta}"
            f"spec:\n{spec}")


def wait_until(predicate, timeout=10.0, interval=0.1):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


CONTROLLER_USER = "filewallball-controller"
STANDBY_USER = "filewallball-controller-standby"


def stop_process(proc, sig=signal.SIGTERM):
    """Stops a process we started, by pid; SIGKILL after 20 s."""
    if proc and proc.poll() is None:
        os.kill(proc.pid, sig)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()


class Operator:
    """A KubeSim over TLS with FileWallBall installed by `kubectl apply -k k8s/`, plus a running
    `filewallball controller` authenticated as its own user (so KubeSim's request log tells its
    requests apart from kubectl's)."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.sim = KubeSim(os.path.join(workdir, "sim"))
        self.token = uuid.uuid4().hex
        self.standby_token = uuid.uuid4().hex
        self.sim.extra_args = ["--tls", "--user", f"{CONTROLLER_USER}={self.token}",
                               "--user", f"{STANDBY_USER}={self.standby_token}"]
        self.kubeconfig = os.path.join(workdir, "controller.kubeconfig")
        self.standby_kubeconfig = os.path.join(workdir, "standby.kubeconfig")
        self.proc = None
        self.restarts = 0

    def start(self):
        self.sim.start()
        with open(self.sim.kubeconfig) as f:
            text = f.read()
        admin_token = text.split("token: ", 1)[1].split("\n", 1)[0].strip()
        with open(self.kubeconfig, "w") as f:
            f.write(text.replace(admin_token, self.token))
        with open(self.standby_kubeconfig, "w") as f:
            f.write(text.replace(admin_token, self.standby_token))
        self.sim.kubectl("apply", "-k", os.path.join(REPO, "k8s"))
        self.sim.kubectl("wait", "--for=condition=Established", "crd", "--all", "--timeout=20s")
        self.start_controller()

    def launch(self, kubeconfig, name):
        """Starts one `filewallball controller --leader-elect`; returns (process, health port, log path)."""
        binary = os.environ.get("FWB_BIN", os.path.join(REPO, ".build", "debug", "filewallball"))
        log_path = os.path.join(self.workdir, f"{name}.log")
        health = free_port()
        proc = subprocess.Popen(
            [binary, "controller", "--kubeconfig", kubeconfig, "--leader-elect",
             "--leader-election-namespace", "filewallball-system",
             "--health-listen", f"127.0.0.1:{health}", "--metrics-listen", f"127.0.0.1:{free_port()}"],
            stdout=open(log_path, "w"), stderr=subprocess.STDOUT)
        assert wait_until(lambda: self.ready(health), timeout=30), f"controller not ready; log:\n{open(log_path).read()}"
        return proc, health, log_path

    def start_controller(self):
        self.restarts += 1
        self.proc, self.health, self.log_path = self.launch(self.kubeconfig, f"controller-{self.restarts}")

    @staticmethod
    def ready(health):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{health}/readyz", timeout=2) as r:
                return r.status == 200
        except Exception:
            return False

    def lease_holder(self):
        r = self.sim.kubectl("get", "lease", "filewallball-controller", "-n", "filewallball-system",
                             "-o", "jsonpath={.spec.holderIdentity}", check=False)
        return r.stdout.strip() if r.returncode == 0 else ""

    def stop_controller(self, sig=signal.SIGTERM):
        stop_process(self.proc, sig)

    def stop(self):
        self.stop_controller()
        self.sim.stop()

    def requests(self, user=CONTROLLER_USER):
        """The request log entries of `user`, oldest first."""
        out = self.sim.kubectl("get", "--raw", "/kubesim/requests").stdout
        return [item for item in json.loads(out)["items"] if item["user"] == user]

    def hook(self, path, method="GET", body=None):
        """Calls a /kubesim/* hook through kubectl's credentials-free raw access."""
        if method == "GET":
            return json.loads(self.sim.kubectl("get", "--raw", path).stdout)
        if method == "POST":
            return json.loads(self.sim.kubectl("create", "--raw", path, "-f", "-", stdin=json.dumps(body)).stdout or "{}")
        return json.loads(self.sim.kubectl("delete", "--raw", path).stdout or "{}")


@pytest.fixture(scope="session")
def operator():
    workdir = tempfile.mkdtemp(prefix="fwb-operator-e2e-")
    op = Operator(workdir)
    try:
        op.start()
        yield op
    finally:
        op.stop()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def op_ns(operator):
    name = "op-" + uuid.uuid4().hex[:8]
    operator.sim.kubectl("create", "namespace", name)
    yield name
    operator.sim.kubectl("delete", "namespace", name, "--wait=false", check=False)
