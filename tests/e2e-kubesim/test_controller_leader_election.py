"""Issue 3 proof against KubeSim: two `filewallball controller --leader-elect` processes, one leader;
SIGTERM of the leader hands over within 2 s (the Lease is released), SIGKILL within the lease
duration plus one retry period (15 s + 2 s, as client-go)."""
import os
import signal
import subprocess
import tempfile
import time

from conftest import REPO, free_port, wait_until

LEASE = "filewallball-controller"


def start_controller(sim, workdir, index):
    binary = os.environ.get("FWB_BIN", os.path.join(REPO, ".build", "debug", "filewallball"))
    log = open(os.path.join(workdir, f"controller-{index}.log"), "w")
    proc = subprocess.Popen(
        [binary, "controller", "--kubeconfig", sim.kubeconfig, "--leader-elect",
         "--leader-election-namespace", "default",
         "--health-listen", f"127.0.0.1:{free_port()}", "--metrics-listen", f"127.0.0.1:{free_port()}"],
        stdout=log, stderr=subprocess.STDOUT)
    proc.log = log
    return proc


def holder(sim):
    r = sim.kubectl("get", "lease", LEASE, "-n", "default", "-o", "jsonpath={.spec.holderIdentity}", check=False)
    return r.stdout.strip() if r.returncode == 0 else ""


def stop(proc, sig=signal.SIGTERM):
    if proc.poll() is None:
        os.kill(proc.pid, sig)
        proc.wait(timeout=20)
    proc.log.close()


def test_leader_handover_on_sigterm_and_sigkill(sim):
    workdir = tempfile.mkdtemp(prefix="controllers-")
    first = start_controller(sim, workdir, 1)
    assert wait_until(lambda: holder(sim) != "", timeout=15), "no controller took the lease"
    leader_one = holder(sim)
    second = start_controller(sim, workdir, 2)
    time.sleep(3)
    assert holder(sim) == leader_one, "a second instance must not steal a held lease"

    # Clean stop: the lease is released, the standby takes over within 2 s (+ kubectl latency).
    started = time.time()
    stop(first, signal.SIGTERM)
    assert first.returncode == 0
    assert wait_until(lambda: holder(sim) not in ("", leader_one), timeout=5), "standby did not take over"
    took = time.time() - started
    assert took <= 3.0, f"handover after SIGTERM took {took:.1f}s"
    leader_two = holder(sim)

    # Crash: a third instance takes over once the lease expires (15 s) plus at most one retry (2 s).
    third = start_controller(sim, workdir, 3)
    time.sleep(2)
    started = time.time()
    stop(second, signal.SIGKILL)
    assert wait_until(lambda: holder(sim) not in ("", leader_two), timeout=25), "no takeover after SIGKILL"
    took = time.time() - started
    assert took <= 18.5, f"takeover after SIGKILL took {took:.1f}s"
    stop(third, signal.SIGTERM)
    assert third.returncode == 0
