"""Proof: the official Python client watches from a resourceVersion and handles 410 Gone."""
import pytest
from kubernetes import watch
from kubernetes.client.rest import ApiException


def create(sim, ns, name, color="red"):
    return sim.custom().create_namespaced_custom_object("example.test", "v1", ns, "widgets", {
        "apiVersion": "example.test/v1", "kind": "Widget", "metadata": {"name": name}, "spec": {"color": color}})


def test_watch_resumes_from_resource_version(sim, widget_crd, ns):
    api = sim.custom()
    start = create(sim, ns, "r1")["metadata"]["resourceVersion"]
    for color in ["green", "blue"]:
        api.patch_namespaced_custom_object("example.test", "v1", ns, "widgets", "r1", {"spec": {"color": color}})
    create(sim, ns, "r2")
    api.delete_namespaced_custom_object("example.test", "v1", ns, "widgets", "r2")
    seen = []
    w = watch.Watch()
    for event in w.stream(api.list_namespaced_custom_object, "example.test", "v1", ns, "widgets",
                          resource_version=start, timeout_seconds=2):
        seen.append((event["type"], event["object"]["metadata"]["name"], event["object"]["spec"]["color"],
                     int(event["object"]["metadata"]["resourceVersion"])))
        if len(seen) == 4:
            w.stop()
    assert [s[:3] for s in seen] == [("MODIFIED", "r1", "green"), ("MODIFIED", "r1", "blue"),
                                     ("ADDED", "r2", "red"), ("DELETED", "r2", "red")]
    rvs = [s[3] for s in seen]
    assert rvs == sorted(rvs) and rvs[0] > int(start)


def test_watch_too_old_resource_version_is_410(sim, widget_crd, ns):
    api = sim.custom()
    old = create(sim, ns, "g1")["metadata"]["resourceVersion"]
    api.patch_namespaced_custom_object("example.test", "v1", ns, "widgets", "g1", {"spec": {"color": "green"}})
    sim.compact()
    w = watch.Watch()
    with pytest.raises(ApiException) as gone:
        for _ in w.stream(api.list_namespaced_custom_object, "example.test", "v1", ns, "widgets",
                          resource_version=old, timeout_seconds=2):
            pass
    assert gone.value.status == 410
    listed = api.list_namespaced_custom_object("example.test", "v1", ns, "widgets")
    relist_rv = listed["metadata"]["resourceVersion"]
    api.patch_namespaced_custom_object("example.test", "v1", ns, "widgets", "g1", {"spec": {"color": "blue"}})
    events = []
    for event in w.stream(api.list_namespaced_custom_object, "example.test", "v1", ns, "widgets",
                          resource_version=relist_rv, timeout_seconds=2):
        events.append((event["type"], event["object"]["spec"]["color"]))
        w.stop()
    assert events == [("MODIFIED", "blue")]
