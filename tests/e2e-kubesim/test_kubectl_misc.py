"""Other everyday kubectl commands against custom resources and built-ins."""
import json
import os

from conftest import FIXTURES, widget_yaml


def test_describe_explain_and_errors(sim, widget_crd, ns):
    sim.kubectl("apply", "-n", ns, "-f", "-", stdin=widget_yaml("d1", "green", owner="zoe"))
    obj = json.loads(sim.kubectl("get", "wd", "d1", "-n", ns, "-o", "json").stdout)
    event = {"apiVersion": "v1", "kind": "Event", "metadata": {"name": "d1.1", "namespace": ns},
             "involvedObject": {"apiVersion": "example.test/v1", "kind": "Widget", "name": "d1", "namespace": ns,
                                "uid": obj["metadata"]["uid"]},
             "reason": "Painted", "message": "painted green", "type": "Normal"}
    sim.kubectl("create", "-f", "-", stdin=json.dumps(event))
    described = sim.kubectl("describe", "wd", "d1", "-n", ns).stdout
    assert "Color:  green" in described and "Painted" in described and "painted green" in described
    explained = sim.kubectl("explain", "widgets.spec").stdout
    assert "color" in explained and "<string>" in explained
    dup = sim.kubectl("create", "-n", ns, "-f", "-", check=False, stdin=widget_yaml("d1", "green"))
    assert dup.returncode != 0
    assert 'Error from server (AlreadyExists): error when creating "STDIN": widgets.example.test "d1" already exists' in dup.stderr
    missing = sim.kubectl("get", "wd", "nope", "-n", ns, check=False)
    assert 'Error from server (NotFound): widgets.example.test "nope" not found' in missing.stderr


def test_names_all_namespaces_and_delete_file(sim, widget_crd, ns):
    path = os.path.join(sim.workdir, f"{ns}.yaml")
    with open(path, "w") as f:
        f.write(widget_yaml("f1", "red") + "---\n" + widget_yaml("f2", "blue"))
    sim.kubectl("apply", "-n", ns, "-f", path)
    assert sim.kubectl("get", "wd", "-n", ns, "-o", "name").stdout.split() == ["widget.example.test/f1",
                                                                               "widget.example.test/f2"]
    everywhere = sim.kubectl("get", "wd", "-A").stdout.splitlines()
    assert everywhere[0].split()[:2] == ["NAMESPACE", "NAME"]
    assert any(line.split()[:2] == [ns, "f2"] for line in everywhere)
    colors = sim.kubectl("get", "wd", "-n", ns, "-o", "jsonpath={.items[*].spec.color}").stdout
    assert colors == "red blue"
    sim.kubectl("delete", "-n", ns, "-f", path)
    assert sim.kubectl("get", "wd", "-n", ns, "-o", "name").stdout.strip() == ""


def test_builtin_imperative_commands(sim, ns):
    """kubectl >= 1.32 sends these as protobuf; KubeSim decodes the envelope for the kinds it serves."""
    sim.kubectl("create", "configmap", "cfg", "-n", ns, "--from-literal=a=1")
    sim.kubectl("create", "secret", "generic", "sec", "-n", ns, "--from-literal=p=s3cret")
    sim.kubectl("create", "serviceaccount", "bot", "-n", ns)
    sim.kubectl("create", "role", "reader", "-n", ns, "--verb=get", "--resource=configmaps")
    sim.kubectl("create", "rolebinding", "bot-reader", "-n", ns, "--role=reader", f"--serviceaccount={ns}:bot")
    secret = json.loads(sim.kubectl("get", "secret", "sec", "-n", ns, "-o", "json").stdout)
    assert secret["type"] == "Opaque" and secret["data"]["p"] == "czNjcmV0"
    sim.kubectl("patch", "configmap", "cfg", "-n", ns, "-p", '{"data":{"b":"2"}}')
    assert json.loads(sim.kubectl("get", "cm", "cfg", "-n", ns, "-o", "json").stdout)["data"] == {"a": "1", "b": "2"}
    names = sim.kubectl("get", "cm,secret,sa,role,rolebinding", "-n", ns, "-o", "name").stdout.split()
    for want in ["configmap/cfg", "secret/sec", "serviceaccount/bot", "role.rbac.authorization.k8s.io/reader",
                 "rolebinding.rbac.authorization.k8s.io/bot-reader"]:
        assert want in names


def test_request_log_records_kubectl_requests(sim, ns):
    """GET /kubesim/requests lists what was served in Kubernetes authorization terms; DELETE clears it."""
    import urllib.request
    base = sim.api.configuration.host + "/kubesim/requests"

    def fetch():
        with urllib.request.urlopen(base, timeout=5) as r:
            return json.loads(r.read())

    urllib.request.urlopen(urllib.request.Request(base, method="DELETE"), timeout=5).close()
    sim.kubectl("create", "configmap", "logged", "-n", ns, "--from-literal=a=b")
    sim.kubectl("get", "configmap", "logged", "-n", ns)
    sim.kubectl("delete", "configmap", "logged", "-n", ns)
    items = [i for i in fetch()["items"] if i["resource"] == "configmaps"]
    seen = [(i["verb"], i["namespace"], i["name"], i["code"]) for i in items]
    assert ("create", ns, "", 201) in seen, seen
    assert ("get", ns, "logged", 200) in seen, seen
    assert ("delete", ns, "logged", 200) in seen, seen
    assert all(i["user"] == "system:anonymous" and i["apiGroup"] == "" for i in items), items
