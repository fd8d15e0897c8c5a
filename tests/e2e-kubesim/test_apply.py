"""Proof: client-side apply twice is a no-op; server-side apply with managers and conflicts."""
import json

from conftest import widget_yaml


def rv(sim, ns, name):
    return json.loads(sim.kubectl("get", "wd", name, "-n", ns, "-o", "json").stdout)["metadata"]["resourceVersion"]


def test_apply_twice_is_noop(sim, widget_crd, ns):
    first = sim.kubectl("apply", "-n", ns, "-f", "-", stdin=widget_yaml("a1", "red", size=5)).stdout
    assert "created" in first
    rv1 = rv(sim, ns, "a1")
    second = sim.kubectl("apply", "-n", ns, "-f", "-", stdin=widget_yaml("a1", "red", size=5)).stdout
    assert "unchanged" in second
    assert rv(sim, ns, "a1") == rv1
    third = sim.kubectl("apply", "-n", ns, "-f", "-", stdin=widget_yaml("a1", "blue")).stdout
    assert "configured" in third
    obj = json.loads(sim.kubectl("get", "wd", "a1", "-n", ns, "-o", "json").stdout)
    assert obj["spec"] == {"color": "blue", "size": 10}, "removed field falls back to its schema default"


def test_apply_builtin_configmap_uses_strategic_merge(sim, ns):
    cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\ndata:\n  a: '1'\n  b: '2'\n"
    sim.kubectl("apply", "-n", ns, "-f", "-", stdin=cm)
    assert "unchanged" in sim.kubectl("apply", "-n", ns, "-f", "-", stdin=cm).stdout
    sim.kubectl("apply", "-n", ns, "-f", "-", stdin="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\ndata:\n  a: '3'\n")
    data = json.loads(sim.kubectl("get", "cm", "c1", "-n", ns, "-o", "json").stdout)["data"]
    assert data == {"a": "3"}


def test_server_side_apply(sim, widget_crd, ns):
    out = sim.kubectl("apply", "--server-side", "-n", ns, "-f", "-", stdin=widget_yaml("s1", "red", owner="ann")).stdout
    assert "serverside-applied" in out
    obj = json.loads(sim.kubectl("get", "wd", "s1", "-n", ns, "-o", "json", "--show-managed-fields").stdout)
    managers = {(m["manager"], m["operation"]) for m in obj["metadata"]["managedFields"]}
    assert ("kubectl", "Apply") in managers
    rv1 = obj["metadata"]["resourceVersion"]
    sim.kubectl("apply", "--server-side", "-n", ns, "-f", "-", stdin=widget_yaml("s1", "red", owner="ann"))
    assert rv(sim, ns, "s1") == rv1, "identical server-side apply is a no-op"
    sim.kubectl("patch", "wd", "s1", "-n", ns, "--type=merge", "-p", '{"spec":{"color":"green"}}')
    conflict = sim.kubectl("apply", "--server-side", "-n", ns, "-f", "-", check=False,
                           stdin=widget_yaml("s1", "red", owner="ann"))
    assert conflict.returncode != 0 and "conflict" in conflict.stderr and ".spec.color" in conflict.stderr
    sim.kubectl("apply", "--server-side", "--force-conflicts", "-n", ns, "-f", "-", stdin=widget_yaml("s1", "red"))
    obj = json.loads(sim.kubectl("get", "wd", "s1", "-n", ns, "-o", "json").stdout)
    assert obj["spec"]["color"] == "red"
    assert "owner" not in obj["spec"], "a field the manager stopped applying is removed"
