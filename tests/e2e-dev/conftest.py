"""Fixtures for the `filewallball dev` end-to-end suite.

One `filewallball dev --apply-samples` runs for the whole session (its own data directory); the tests
use only kubectl and HTTP, as a user would: the file API through the Service address that
`kubectl get svc` shows, the admin password from the generated Secret.
"""
import base64
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
PINNED_KUBECTL = "/usr/lib/google-cloud-sdk/bin/kubectl.1.31"
CLUSTER = "files"


class Dev:
    """A running `filewallball dev` and the helpers the scenarios share."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.data = os.path.join(workdir, "data")
        self.kubeconfig = os.path.join(workdir, "kubeconfig")
        self.kubectl_bin = os.environ.get("KUBECTL") or (
            PINNED_KUBECTL if os.path.exists(PINNED_KUBECTL) else shutil.which("kubectl"))
        self.env = dict(os.environ, KUBECONFIG=self.kubeconfig, KUBECACHEDIR=os.path.join(workdir, "kube-cache"))
        self.proc = None
        self.log_path = os.path.join(workdir, "dev.log")

    # -- process --------------------------------------------------------------------------------
    def start(self, apply_samples=True):
        binary = os.environ.get("FWB_BIN", os.path.join(REPO, ".build", "debug", "filewallball"))
        args = [binary, "dev", "--data-dir", self.data, "--kubeconfig", self.kubeconfig,
                "--samples-dir", os.path.join(REPO, "k8s", "samples")]
        if apply_samples:
            args.append("--apply-samples")
        if os.path.exists(self.kubeconfig):
            os.remove(self.kubeconfig)
        self.started = time.time()
        self.log = open(self.log_path, "a")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 60
        while not os.path.exists(self.kubeconfig):
            if self.proc.poll() is not None:
                raise RuntimeError(f"filewallball dev exited with {self.proc.returncode}: {self.tail()}")
            if time.time() > deadline:
                raise RuntimeError("filewallball dev wrote no kubeconfig within 60 s: " + self.tail())
            time.sleep(0.1)

    def stop(self):
        if self.proc is None:
            return
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            raise RuntimeError("filewallball dev did not stop within 90 s of Ctrl-C")
        finally:
            self.log.close()
            self.proc = None

    def tail(self, lines=40):
        with open(self.log_path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])

    # -- kubectl --------------------------------------------------------------------------------
    def kubectl(self, *args, check=True, timeout=120, input=None):
        result = subprocess.run([self.kubectl_bin, *args], env=self.env, capture_output=True, text=True,
                                timeout=timeout, input=input)
        if check and result.returncode != 0:
            raise AssertionError(f"kubectl {' '.join(args)} failed ({result.returncode}): {result.stderr}{result.stdout}")
        return result

    def json(self, *args):
        return json.loads(self.kubectl(*args, "-o", "json").stdout)

    def wait_ready(self, timeout=180):
        self.kubectl("wait", "--for=condition=Ready", f"fwb/{CLUSTER}", f"--timeout={timeout}s", timeout=timeout + 10)

    def wait_for(self, predicate, timeout=60, interval=0.5, what="condition"):
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            try:
                last = predicate()
                if last:
                    return last
            except (AssertionError, KeyError, IndexError, ValueError, urllib.error.URLError, OSError) as error:
                last = error
            time.sleep(interval)
        raise AssertionError(f"timed out after {timeout}s waiting for {what}; last: {last!r}\n{self.tail(15)}")

    def pods(self, component):
        items = self.json("get", "pods", "-l", f"app.kubernetes.io/instance={CLUSTER},app.kubernetes.io/component={component}")["items"]
        return [p for p in items if not p["metadata"].get("deletionTimestamp")]

    # -- the file API ---------------------------------------------------------------------------
    def api_url(self):
        ip = self.kubectl("get", "svc", f"{CLUSTER}-api", "-o", "jsonpath={.spec.clusterIP}").stdout.strip()
        return f"http://{ip}:8080"

    def admin_password(self):
        encoded = self.kubectl("get", "secret", f"{CLUSTER}-admin", "-o", "jsonpath={.data.password}").stdout
        return base64.b64decode(encoded).decode()

    def login(self):
        status, body, _ = http("POST", self.api_url() + "/api/v1/auth/login",
                               json.dumps({"username": "admin", "password": self.admin_password()}).encode(),
                               {"Content-Type": "application/json"})
        assert status == 200, (status, body)
        return json.loads(body)["token"]


def http(method, url, body=None, headers=None, timeout=10):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def authorized(token, extra=None):
    headers = {"Authorization": f"Bearer {token}"}
    headers.update(extra or {})
    return headers


@pytest.fixture(scope="session")
def shared():
    """Facts one scenario leaves for a later one (the first backup, the file it holds)."""
    return {}


@pytest.fixture(scope="session")
def dev():
    workdir = tempfile.mkdtemp(prefix="fwb-e2e-dev-")
    instance = Dev(workdir)
    instance.start()
    try:
        yield instance
    finally:
        try:
            instance.stop()
        finally:
            if os.environ.get("FWB_KEEP_E2E_DIR") != "1":
                shutil.rmtree(workdir, ignore_errors=True)
