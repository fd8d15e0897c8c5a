"""Issue 13: least privilege, proven. The controller goes through the lifecycle of all three kinds; every
request it made (KubeSim's request log, both controller users) must be allowed by the shipped
k8s/rbac.yaml, and every (resource, verb) the shipped rules grant must have been used."""
import json
import os

import yaml

from conftest import CONTROLLER_USER, REPO, STANDBY_USER, wait_until
from operator_helpers import apply, backup_result, get, job_rule, sample

RBAC = os.path.join(REPO, "k8s", "rbac.yaml")
CONTROLLER_NAMESPACE = "filewallball-system"
# Non-resource paths every authenticated user may GET (the system:discovery and
# system:public-info-viewer roles of every cluster): the readiness check asks /version.
PUBLIC_PATHS = {"/version", "/api", "/apis"}


def load_rules():
    docs = [d for d in yaml.safe_load_all(open(RBAC)) if d]
    cluster_rules = [r for d in docs if d["kind"] == "ClusterRole" for r in d["rules"]]
    role_rules = [r for d in docs if d["kind"] == "Role" and d["metadata"]["namespace"] == CONTROLLER_NAMESPACE for r in d["rules"]]
    bindings = [d for d in docs if d["kind"] in ("ClusterRoleBinding", "RoleBinding")]
    assert {(b["kind"], b["roleRef"]["name"]) for b in bindings} == {
        ("ClusterRoleBinding", "filewallball-controller"), ("RoleBinding", "filewallball-controller-leader-election")}
    return [("cluster", r) for r in cluster_rules] + [("namespace", r) for r in role_rules]


def matches(scope, rule, entry):
    if scope == "namespace" and entry.get("namespace") != CONTROLLER_NAMESPACE:
        return False
    resource = entry["resource"] + (f"/{entry['subresource']}" if entry.get("subresource") else "")
    if entry["apiGroup"] not in rule["apiGroups"] or resource not in rule["resources"] or entry["verb"] not in rule["verbs"]:
        return False
    names = rule.get("resourceNames")
    return not names or entry.get("name") in names


def lifecycle(operator, ns):
    """Every kind from creation to deletion, with the repairs and transitions that need each right."""
    apply(operator, ns, sample("cluster.yaml", **{"deletionPolicy: Retain": "deletionPolicy: Delete"}))
    apply(operator, ns, sample("backup-policy.yaml"))
    operator.sim.kubectl("wait", "--for=condition=Ready", "fwb/files", "-n", ns, "--timeout=60s", timeout=90)
    # A deleted Secret key (patch) and a deleted StatefulSet (the same condition messages again: an
    # Event's count is patched).
    operator.sim.kubectl("patch", "secret", "files-cache", "-n", ns, "--type=json", "-p", '[{"op":"remove","path":"/data/url"}]')
    operator.sim.kubectl("delete", "statefulset", "files-mariadb", "-n", ns)
    assert wait_until(lambda: "url" in get(operator, ns, "secret", "files-cache")["data"], timeout=20)
    assert wait_until(lambda: get(operator, ns, "statefulset", "files-mariadb", check=False) is not None, timeout=20)
    operator.sim.kubectl("wait", "--for=condition=Ready", "fwb/files", "-n", ns, "--timeout=60s", timeout=90)
    # An on-demand backup and a restore.
    job_rule(operator, ns, "nightly-now-", message=backup_result("b-rbac"))
    job_rule(operator, ns, "restore-latest-safety", message=backup_result("b-rbac-safety", origin="safety"))
    job_rule(operator, ns, "restore-latest-restore", message=json.dumps({"status": "ok", "restored": "b-rbac"}))
    operator.sim.kubectl("annotate", "fwbbp", "nightly", "-n", ns, "filewallball.io/backup-now=rbac")
    assert wait_until(lambda: get(operator, ns, "fwbbp", "nightly")["status"].get("backups"), timeout=20)
    apply(operator, ns, sample("restore-request.yaml"))
    assert wait_until(lambda: get(operator, ns, "fwbrr", "restore-latest").get("status", {}).get("phase") == "Completed", timeout=40)
    # One replica: the disruption budget goes.
    operator.sim.kubectl("scale", "fwb", "files", "-n", ns, "--replicas=1")
    assert wait_until(lambda: get(operator, ns, "poddisruptionbudget", "files-api", check=False) is None, timeout=20)
    # Deletion under Delete: the finalizer deletes the Secrets and claims.
    operator.sim.kubectl("delete", "fwbrr", "restore-latest", "-n", ns)
    operator.sim.kubectl("delete", "fwbbp", "nightly", "-n", ns)
    operator.sim.kubectl("delete", "fwb", "files", "-n", ns, "--timeout=30s", timeout=40)
    assert wait_until(lambda: get(operator, ns, "secret", "files-admin", check=False) is None, timeout=20)


def test_every_request_is_allowed_and_every_rule_is_used(operator, op_ns):
    lifecycle(operator, op_ns)
    rules = load_rules()
    entries = operator.requests(CONTROLLER_USER) + operator.requests(STANDBY_USER)
    assert entries, "the controller made no request"
    denied, used = [], set()
    for entry in entries:
        if not entry["resourceRequest"]:
            if not (entry["verb"] == "get" and entry["path"] in PUBLIC_PATHS):
                denied.append((entry["verb"], entry["path"]))
            continue
        hits = [i for i, (scope, rule) in enumerate(rules) if matches(scope, rule, entry)]
        if not hits:
            denied.append((entry["verb"], entry["apiGroup"], entry["resource"], entry.get("subresource"), entry.get("namespace"), entry.get("name")))
        resource = entry["resource"] + (f"/{entry['subresource']}" if entry.get("subresource") else "")
        for i in hits:
            used.add((i, resource, entry["verb"]))
    assert sorted(set(denied)) == [], "requests the shipped RBAC does not allow"
    granted = {(i, resource, verb) for i, (_, rule) in enumerate(rules) for resource in rule["resources"] for verb in rule["verbs"]}
    assert sorted(granted - used) == [], "rights granted but never used"
