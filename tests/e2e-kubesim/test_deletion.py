"""Proof: kubectl delete waits for finalizers; garbage collection removes dependents."""
import json
import time

from kubernetes import client

from conftest import wait_until, widget_yaml


def test_delete_with_finalizer_waits(sim, widget_crd, ns):
    sim.kubectl("apply", "-n", ns, "-f", "-",
                stdin=widget_yaml("held", "red", extra_meta="  finalizers: [example.test/hold]\n"))
    timed_out = sim.kubectl("delete", "wd", "held", "-n", ns, "--timeout=2s", check=False)
    assert timed_out.returncode != 0
    obj = json.loads(sim.kubectl("get", "wd", "held", "-n", ns, "-o", "json").stdout)
    assert obj["metadata"]["deletionTimestamp"]
    deleter = sim.kubectl_popen("delete", "wd", "held", "-n", ns, "--timeout=20s")
    time.sleep(1.0)
    assert deleter.poll() is None, "kubectl delete must wait while a finalizer holds the object"
    sim.custom().patch_namespaced_custom_object("example.test", "v1", ns, "widgets", "held",
                                                {"metadata": {"finalizers": None}})
    out, err = deleter.communicate(timeout=20)
    assert deleter.returncode == 0, err
    assert sim.kubectl("get", "wd", "held", "-n", ns, check=False).returncode != 0


def owned_configmap(name, owner):
    return client.V1ConfigMap(metadata=client.V1ObjectMeta(name=name, owner_references=[client.V1OwnerReference(
        api_version="example.test/v1", kind="Widget", name=owner["metadata"]["name"], uid=owner["metadata"]["uid"],
        block_owner_deletion=True)]), data={"k": "v"})


def make_owner(sim, ns, name):
    return sim.custom().create_namespaced_custom_object("example.test", "v1", ns, "widgets", {
        "apiVersion": "example.test/v1", "kind": "Widget", "metadata": {"name": name}, "spec": {"color": "red"}})


def cm_exists(sim, ns, name):
    return any(c.metadata.name == name for c in sim.core().list_namespaced_config_map(ns).items)


def test_gc_background_removes_dependents(sim, widget_crd, ns):
    owner = make_owner(sim, ns, "owner-bg")
    sim.core().create_namespaced_config_map(ns, owned_configmap("dep-bg", owner))
    sim.kubectl("delete", "wd", "owner-bg", "-n", ns)
    assert wait_until(lambda: not cm_exists(sim, ns, "dep-bg"))


def test_gc_foreground_and_orphan(sim, widget_crd, ns):
    owner = make_owner(sim, ns, "owner-fg")
    sim.core().create_namespaced_config_map(ns, owned_configmap("dep-fg", owner))
    sim.kubectl("delete", "wd", "owner-fg", "-n", ns, "--cascade=foreground")
    assert not cm_exists(sim, ns, "dep-fg")
    owner = make_owner(sim, ns, "owner-or")
    sim.core().create_namespaced_config_map(ns, owned_configmap("dep-or", owner))
    sim.kubectl("delete", "wd", "owner-or", "-n", ns, "--cascade=orphan")
    cm = sim.core().read_namespaced_config_map("dep-or", ns)
    assert not cm.metadata.owner_references


def test_namespace_deletion_cascades(sim, widget_crd):
    sim.kubectl("apply", "-f", "-", stdin="apiVersion: v1\nkind: Namespace\nmetadata:\n  name: doomed\n")
    sim.kubectl("apply", "-n", "doomed", "-f", "-", stdin=widget_yaml("inside", "red"))
    sim.kubectl("delete", "namespace", "doomed", "--timeout=20s")
    assert sim.kubectl("get", "namespace", "doomed", check=False).returncode != 0
    r = sim.kubectl("create", "-n", "doomed", "-f", "-", check=False, stdin=widget_yaml("again", "red"))
    assert r.returncode != 0 and "NotFound" in r.stderr
