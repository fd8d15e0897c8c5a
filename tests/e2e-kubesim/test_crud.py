"""Proof: create/get/list/patch/delete custom resources; 409 on stale updates and duplicates."""
import json

import pytest
from kubernetes.client.rest import ApiException

from conftest import widget_yaml


def test_create_get_list_patch_delete(sim, widget_crd, ns):
    sim.kubectl("create", "-n", ns, "-f", "-", stdin=widget_yaml("w1", "red"))
    obj = json.loads(sim.kubectl("get", "wd", "w1", "-n", ns, "-o", "json").stdout)
    assert obj["metadata"]["uid"] and obj["metadata"]["generation"] == 1
    assert obj["spec"]["size"] == 10, "schema default applied"
    items = sim.custom().list_namespaced_custom_object("example.test", "v1", ns, "widgets")["items"]
    assert [i["metadata"]["name"] for i in items] == ["w1"]
    sim.kubectl("patch", "wd", "w1", "-n", ns, "--type=merge", "-p", '{"spec":{"color":"green"}}')
    patched = sim.custom().get_namespaced_custom_object("example.test", "v1", ns, "widgets", "w1")
    assert patched["spec"]["color"] == "green"
    assert patched["metadata"]["generation"] == 2
    assert int(patched["metadata"]["resourceVersion"]) > int(obj["metadata"]["resourceVersion"])
    sim.kubectl("label", "wd", "w1", "-n", ns, "team=a")
    labeled = sim.custom().get_namespaced_custom_object("example.test", "v1", ns, "widgets", "w1")
    assert labeled["metadata"]["generation"] == 2, "label change must not bump generation"
    sim.kubectl("delete", "wd", "w1", "-n", ns)
    r = sim.kubectl("get", "wd", "w1", "-n", ns, check=False)
    assert r.returncode != 0 and "NotFound" in r.stderr


def test_validation_and_strict_unknown_fields(sim, widget_crd, ns):
    r = sim.kubectl("apply", "-n", ns, "-f", "-", check=False,
                    stdin=widget_yaml("bad", "red") + "  bogus: 1\n")
    assert r.returncode != 0 and 'unknown field "spec.bogus"' in r.stderr
    r = sim.kubectl("apply", "-n", ns, "-f", "-", check=False, stdin=widget_yaml("bad", "purple", size=0))
    assert r.returncode != 0
    assert 'Unsupported value: "purple"' in r.stderr
    assert "should be greater than or equal to 1" in r.stderr
    with pytest.raises(ApiException) as e:
        sim.custom().create_namespaced_custom_object("example.test", "v1", ns, "widgets",
                                                     {"apiVersion": "example.test/v1", "kind": "Widget",
                                                      "metadata": {"name": "nospec"}, "spec": {"size": 5}})
    assert e.value.status == 422
    body = json.loads(e.value.body)
    assert body["reason"] == "Invalid" and body["details"]["causes"][0]["field"] == "spec.color"


def test_409_on_stale_update_and_duplicate(sim, widget_crd, ns):
    api = sim.custom()
    body = {"apiVersion": "example.test/v1", "kind": "Widget", "metadata": {"name": "w2"}, "spec": {"color": "red"}}
    created = api.create_namespaced_custom_object("example.test", "v1", ns, "widgets", body)
    with pytest.raises(ApiException) as dup:
        api.create_namespaced_custom_object("example.test", "v1", ns, "widgets", body)
    assert dup.value.status == 409 and json.loads(dup.value.body)["reason"] == "AlreadyExists"
    fresh = dict(created)
    fresh["spec"] = {"color": "blue"}
    updated = api.replace_namespaced_custom_object("example.test", "v1", ns, "widgets", "w2", fresh)
    assert updated["metadata"]["resourceVersion"] != created["metadata"]["resourceVersion"]
    stale = dict(created)
    stale["spec"] = {"color": "green"}
    with pytest.raises(ApiException) as conflict:
        api.replace_namespaced_custom_object("example.test", "v1", ns, "widgets", "w2", stale)
    assert conflict.value.status == 409
    status = json.loads(conflict.value.body)
    assert status["reason"] == "Conflict" and "the object has been modified" in status["message"]
    assert api.get_namespaced_custom_object("example.test", "v1", ns, "widgets", "w2")["spec"]["color"] == "blue"
    no_rv = dict(updated)
    no_rv["metadata"] = {k: v for k, v in updated["metadata"].items() if k != "resourceVersion"}
    with pytest.raises(ApiException) as unconditional:
        api.replace_namespaced_custom_object("example.test", "v1", ns, "widgets", "w2", no_rv)
    assert unconditional.value.status == 422


def test_noop_write_keeps_resource_version(sim, widget_crd, ns):
    api = sim.custom()
    created = api.create_namespaced_custom_object("example.test", "v1", ns, "widgets", {
        "apiVersion": "example.test/v1", "kind": "Widget", "metadata": {"name": "w3"}, "spec": {"color": "red"}})
    again = api.replace_namespaced_custom_object("example.test", "v1", ns, "widgets", "w3", created)
    assert again["metadata"]["resourceVersion"] == created["metadata"]["resourceVersion"]
    patched = api.patch_namespaced_custom_object("example.test", "v1", ns, "widgets", "w3", {"spec": {"color": "red"}})
    assert patched["metadata"]["resourceVersion"] == created["metadata"]["resourceVersion"]


def test_status_subresource_isolation(sim, widget_crd, ns):
    api = sim.custom()
    api.create_namespaced_custom_object("example.test", "v1", ns, "widgets", {
        "apiVersion": "example.test/v1", "kind": "Widget", "metadata": {"name": "w4"}, "spec": {"color": "red"},
        "status": {"observedGeneration": 7}})
    got = api.get_namespaced_custom_object("example.test", "v1", ns, "widgets", "w4")
    assert "status" not in got, "status is dropped on create"
    api.patch_namespaced_custom_object_status("example.test", "v1", ns, "widgets", "w4",
                                              {"status": {"observedGeneration": 1}, "spec": {"color": "blue"}})
    got = api.get_namespaced_custom_object("example.test", "v1", ns, "widgets", "w4")
    assert got["status"]["observedGeneration"] == 1 and got["spec"]["color"] == "red"
    assert got["metadata"]["generation"] == 1
    api.patch_namespaced_custom_object("example.test", "v1", ns, "widgets", "w4",
                                       {"status": {"observedGeneration": 9}, "spec": {"color": "green"}})
    got = api.get_namespaced_custom_object("example.test", "v1", ns, "widgets", "w4")
    assert got["status"]["observedGeneration"] == 1 and got["spec"]["color"] == "green"


def test_selectors_generate_name_and_pagination(sim, widget_crd, ns):
    api = sim.custom()
    for i, color in enumerate(["red", "green", "blue", "red"]):
        api.create_namespaced_custom_object("example.test", "v1", ns, "widgets", {
            "apiVersion": "example.test/v1", "kind": "Widget",
            "metadata": {"generateName": "gen-", "labels": {"color": color, "idx": str(i)}}, "spec": {"color": color}})
    items = api.list_namespaced_custom_object("example.test", "v1", ns, "widgets")["items"]
    assert len(items) == 4 and all(i["metadata"]["name"].startswith("gen-") for i in items)
    red = api.list_namespaced_custom_object("example.test", "v1", ns, "widgets", label_selector="color=red")["items"]
    assert len(red) == 2
    not_red = api.list_namespaced_custom_object("example.test", "v1", ns, "widgets", label_selector="color notin (red)")
    assert len(not_red["items"]) == 2
    some = api.list_namespaced_custom_object("example.test", "v1", ns, "widgets", label_selector="color in (green,blue),idx")
    assert len(some["items"]) == 2
    first = items[0]["metadata"]["name"]
    by_name = api.list_namespaced_custom_object("example.test", "v1", ns, "widgets", field_selector=f"metadata.name={first}")
    assert [i["metadata"]["name"] for i in by_name["items"]] == [first]
    page1 = api.list_namespaced_custom_object("example.test", "v1", ns, "widgets", limit=3)
    assert len(page1["items"]) == 3 and page1["metadata"]["continue"]
    page2 = api.list_namespaced_custom_object("example.test", "v1", ns, "widgets", limit=3,
                                              _continue=page1["metadata"]["continue"])
    assert len(page2["items"]) == 1


def test_concurrent_compare_and_swap_loses_no_update(sim, ns):
    import threading
    from kubernetes import client
    core = sim.core()
    core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="counter"), data={"n": "0"}))
    errors = []

    def worker():
        api = client.CoreV1Api(sim.api)
        done = 0
        while done < 10:
            cm = api.read_namespaced_config_map("counter", ns)
            cm.data["n"] = str(int(cm.data["n"]) + 1)
            try:
                api.replace_namespaced_config_map("counter", ns, cm)
                done += 1
            except ApiException as e:
                if e.status != 409:
                    errors.append(e)
                    return

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert core.read_namespaced_config_map("counter", ns).data["n"] == "40"
