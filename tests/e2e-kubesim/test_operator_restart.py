"""Issue 13: a controller killed mid-reconcile converges with no duplicate objects and no new passwords
after its restart; of two replicas only the Lease holder ever writes."""
import json
import os
import signal

from conftest import CONTROLLER_USER, REPO, STANDBY_USER, stop_process, wait_until

SAMPLE = os.path.join(REPO, "k8s", "samples", "cluster.yaml")
PER_CLUSTER = {"secrets": 3, "configmaps": 2, "services": 5, "persistentvolumeclaims": 2,
               "statefulsets": 1, "deployments": 2, "poddisruptionbudgets": 1, "networkpolicies": 2}


def cluster_yaml(name):
    return open(SAMPLE).read().replace("name: files", f"name: {name}")


def all_ready(operator, ns, names):
    items = json.loads(operator.sim.kubectl("get", "fwb", "-n", ns, "-o", "json").stdout)["items"]
    ready = {c["metadata"]["name"] for c in items
             if any(x["type"] == "Ready" and x["status"] == "True" for x in c.get("status", {}).get("conditions", []))}
    return set(names) <= ready


def owned_counts(operator, ns, cluster):
    counts = {}
    for kind in PER_CLUSTER:
        out = operator.sim.kubectl("get", kind, "-n", ns, "-l", f"app.kubernetes.io/instance={cluster}", "-o", "json").stdout
        counts[kind] = len(json.loads(out)["items"])
    return counts


def writes(entries):
    return [(e["verb"], e["resource"], e.get("name")) for e in entries
            if e["verb"] not in ("get", "list", "watch") and e["resource"] != "leases"]


def test_restart_mid_reconcile_converges_without_duplicates(operator, op_ns):
    names = [f"r{i}" for i in range(8)]
    operator.sim.kubectl("apply", "-n", op_ns, "-f", "-", stdin="---\n".join(cluster_yaml(n) for n in names))
    # Kill the controller as soon as the first Secret exists: reconciles are in flight.
    assert wait_until(lambda: operator.sim.kubectl("get", "secret", "r0-database", "-n", op_ns, check=False).returncode == 0, timeout=20)
    operator.stop_controller(signal.SIGKILL)
    passwords = {}
    for name in names:
        r = operator.sim.kubectl("get", "secret", f"{name}-database", "-n", op_ns, "-o", "jsonpath={.data.password}", check=False)
        if r.returncode == 0:
            passwords[name] = r.stdout
    operator.start_controller()
    assert wait_until(lambda: all_ready(operator, op_ns, names), timeout=90)
    for name in names:
        assert owned_counts(operator, op_ns, name) == PER_CLUSTER, name
        after = operator.sim.kubectl("get", "secret", f"{name}-database", "-n", op_ns, "-o", "jsonpath={.data.password}").stdout
        if name in passwords:
            assert after == passwords[name], f"{name}: password regenerated across the restart"


def test_only_the_lease_holder_writes(operator, op_ns):
    standby, _, log = operator.launch(operator.standby_kubeconfig, "standby")
    try:
        holder = operator.lease_holder()
        operator.sim.kubectl("apply", "-n", op_ns, "-f", "-", stdin=cluster_yaml("two"))
        assert wait_until(lambda: all_ready(operator, op_ns, ["two"]), timeout=60)
        assert writes(operator.requests(STANDBY_USER)) == [], "the standby wrote while another replica held the Lease"
        assert writes(operator.requests(CONTROLLER_USER)), "the leader made no write"
        # The leader dies without releasing the Lease: the standby takes over once it expires, and only then writes.
        operator.stop_controller(signal.SIGKILL)
        assert wait_until(lambda: operator.lease_holder() not in ("", holder), timeout=40), "the standby never took the Lease"
        operator.sim.kubectl("scale", "fwb", "two", "-n", op_ns, "--replicas=3")
        assert wait_until(lambda: operator.sim.kubectl("get", "deployment", "two-api", "-n", op_ns,
                                                       "-o", "jsonpath={.spec.replicas}").stdout == "3", timeout=30)
        assert writes(operator.requests(STANDBY_USER)), "the new leader made no write"
    finally:
        stop_process(standby)
        if operator.proc.poll() is not None:
            operator.start_controller()
