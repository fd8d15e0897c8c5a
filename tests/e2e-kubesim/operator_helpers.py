"""Helpers shared by the operator's end-to-end tests."""
import json
import os

from conftest import REPO, wait_until

SAMPLES = os.path.join(REPO, "k8s", "samples")


def sample(name, **replacements):
    text = open(os.path.join(SAMPLES, name)).read()
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text


def apply(operator, ns, text):
    operator.sim.kubectl("apply", "-n", ns, "-f", "-", stdin=text)


def get(operator, ns, kind, name, check=True):
    r = operator.sim.kubectl("get", kind, name, "-n", ns, "-o", "json", check=check)
    return json.loads(r.stdout) if r.returncode == 0 else None


def condition(obj, type_):
    for c in (obj or {}).get("status", {}).get("conditions", []):
        if c["type"] == type_:
            return c
    return None


def wait_condition(operator, ns, kind, name, type_, status, reason=None, timeout=30):
    def ok():
        c = condition(get(operator, ns, kind, name, check=False), type_)
        return c is not None and c["status"] == status and (reason is None or c["reason"] == reason)
    assert wait_until(ok, timeout=timeout), (kind, name, type_, get(operator, ns, kind, name, check=False))


def backup_result(name, origin="on-demand", verified=True, taken_at="2026-12-02T01:00:00Z"):
    return json.dumps({"status": "ok", "name": name, "origin": origin, "taken_at": taken_at, "verified": verified,
                       "size": 1234, "sha256": "ab" * 32, "duration_seconds": 2.5, "pruned_backups": []})


def job_rule(operator, ns, prefix, succeed=True, message="", exit_code=None, hold=False):
    body = {"namespace": ns, "jobNamePrefix": prefix, "succeed": succeed, "message": message, "hold": hold}
    if exit_code is not None:
        body["exitCode"] = exit_code
    operator.hook("/kubesim/job-outcomes", "POST", body)


def jobs(operator, ns, selector):
    out = operator.sim.kubectl("get", "jobs", "-n", ns, "-l", selector, "-o", "json").stdout
    return json.loads(out)["items"]
