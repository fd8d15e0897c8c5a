"""Proof: a CRD applied with kubectl becomes servable and shows up in discovery."""
import json
import os
import subprocess

import pytest
from kubernetes import client


def test_version_and_dispatcher_choice(sim):
    v = json.loads(sim.kubectl("version", "-o", "json").stdout)
    assert v["serverVersion"]["minor"] == "31"
    if not os.path.exists("/usr/bin/kubectl"):
        pytest.skip("no kubectl dispatcher installed")
    r = subprocess.run(["/usr/bin/kubectl", "version", "-o", "json"], env=sim.env, capture_output=True, text=True,
                       timeout=30)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["clientVersion"]["minor"] == "31", "the dispatcher runs kubectl.1.31 for this server"


def test_crd_established_and_in_discovery(sim, widget_crd):
    crd = json.loads(sim.kubectl("get", "crd", widget_crd, "-o", "json").stdout)
    conditions = {c["type"]: c for c in crd["status"]["conditions"]}
    assert conditions["Established"]["status"] == "True"
    assert conditions["NamesAccepted"]["reason"] == "NoConflicts"
    assert crd["status"]["acceptedNames"]["shortNames"] == ["wd"]
    names = sim.kubectl("api-resources", "--api-group=example.test", "-o", "name").stdout.split()
    assert "widgets.example.test" in names
    groups = client.ApisApi(sim.api).get_api_versions()
    assert "example.test" in [g.name for g in groups.groups]
    resources = client.CustomObjectsApi(sim.api).get_api_resources("example.test", "v1")
    widgets = [r for r in resources.resources if r.name == "widgets"][0]
    assert widgets.short_names == ["wd"] and widgets.categories == ["example"]
    assert "widgets/status" in [r.name for r in resources.resources]


def test_name_resolution_forms(sim, widget_crd, ns):
    for form in ["wd", "widget", "widgets", "Widget", "widgets.example.test", "widgets.v1.example.test", "example"]:
        r = sim.kubectl("get", form, "-n", ns)
        assert r.returncode == 0, form


def test_deleting_crd_removes_it_from_discovery(sim, widget_crd):
    crd = """apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gadgets.example.test}
spec:
  group: example.test
  scope: Cluster
  names: {plural: gadgets, singular: gadget, kind: Gadget}
  versions:
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
"""
    sim.kubectl("apply", "-f", "-", stdin=crd)
    sim.kubectl("apply", "-f", "-", stdin="apiVersion: example.test/v1\nkind: Gadget\nmetadata: {name: g1}\nspec: {a: 1}\n")
    assert "g1" in sim.kubectl("get", "gadgets", "-o", "name").stdout
    sim.kubectl("delete", "crd", "gadgets.example.test", "--timeout=10s")
    names = sim.kubectl("api-resources", "--api-group=example.test", "-o", "name").stdout.split()
    assert "gadgets.example.test" not in names
    assert "widgets.example.test" in names
