"""FileWallBall's own CRDs (crds/, generated from the Swift types) through the real kubectl.

The CRDs are applied exactly as a user would (`kubectl apply -f crds/`), and so are the samples in
k8s/samples/. No controller runs here: these tests hold the API itself (schema, defaults, validation,
printer columns, short names, category, scale subresource, explain).
"""
import json
import os
import subprocess

import pytest

from conftest import REPO

CRDS = os.path.join(REPO, "crds")
SAMPLES = os.path.join(REPO, "k8s", "samples")
NAMES = ["filewallballclusters.filewallball.io", "backuppolicies.filewallball.io", "restorerequests.filewallball.io"]


@pytest.fixture(scope="module")
def fwb_crds(sim):
    sim.kubectl("apply", "-f", CRDS)
    for name in NAMES:
        sim.kubectl("wait", "--for=condition=Established", f"crd/{name}", "--timeout=10s")
    # kubectl explain trusts its discovery cache (written by the apply above, before the CRDs existed);
    # api-resources refreshes it, as a user's next `kubectl get` would.
    sim.kubectl("api-resources", "--api-group=filewallball.io")
    return NAMES


def test_crds_folder_holds_what_the_binary_prints(sim):
    binary = os.environ.get("FWB_BIN", os.path.join(REPO, ".build", "debug", "filewallball"))
    printed = subprocess.run([binary, "crds"], capture_output=True, text=True, check=True).stdout
    on_disk = "".join("---\n" + open(os.path.join(CRDS, f)).read() for f in
                      ["filewallball.io_filewallballclusters.yaml", "filewallball.io_backuppolicies.yaml",
                       "filewallball.io_restorerequests.yaml"])
    assert printed == on_disk
    assert sorted(os.listdir(CRDS)) == sorted(["filewallball.io_filewallballclusters.yaml",
                                               "filewallball.io_backuppolicies.yaml",
                                               "filewallball.io_restorerequests.yaml"])


def test_second_apply_is_a_no_op(sim, fwb_crds):
    out = sim.kubectl("apply", "-f", CRDS).stdout
    assert out.count("unchanged") == 3, out


def test_explain_shows_field_descriptions(sim, fwb_crds):
    cache = sim.kubectl("explain", "fwb.spec.cache").stdout
    assert "maxMemory" in cache and "evictionPolicy" in cache and "ttl" in cache
    assert "Redis" in cache
    policy = sim.kubectl("explain", "fwb.spec.cache.evictionPolicy").stdout
    assert "maxmemory-policy" in policy
    # explain wraps descriptions at 80 columns: compare with whitespace folded.
    retention = " ".join(sim.kubectl("explain", "fwbbp.spec.retention").stdout.split())
    assert "minCount" in retention and "newest verified backup is never deleted" in retention
    restore = " ".join(sim.kubectl("explain", "fwbrr.spec").stdout.split())
    assert "cannot be changed once created" in restore


def test_samples_apply_in_order_with_defaults_and_category(sim, fwb_crds, ns):
    for sample in ["cluster.yaml", "backup-policy.yaml", "restore-request.yaml"]:
        sim.kubectl("apply", "-n", ns, "-f", os.path.join(SAMPLES, sample))
    listed = sim.kubectl("get", "filewallball", "-n", ns, "-o", "name").stdout.split()
    assert sorted(listed) == sorted(["filewallballcluster.filewallball.io/files",
                                     "backuppolicy.filewallball.io/nightly",
                                     "restorerequest.filewallball.io/restore-latest"])
    cluster = json.loads(sim.kubectl("get", "fwb", "files", "-n", ns, "-o", "json").stdout)
    spec = cluster["spec"]
    assert spec["database"]["image"] == "mariadb:10.11"
    assert spec["database"]["databaseName"] == "filewallball_db"
    assert spec["cache"]["image"] == "redis:7.2"
    assert spec["cache"]["ttl"] == {"fileMetadataSeconds": 3600, "sessionSeconds": 86400, "temporaryDataSeconds": 600}
    assert spec["app"]["environment"] == "kubernetes"
    assert spec["app"]["blobStorage"]["accessMode"] == "ReadWriteOnce"
    policy = json.loads(sim.kubectl("get", "fwbbp", "nightly", "-n", ns, "-o", "json").stdout)
    assert policy["spec"]["suspend"] is False
    restore = json.loads(sim.kubectl("get", "fwbrr", "restore-latest", "-n", ns, "-o", "json").stdout)
    assert restore["spec"]["safetyBackup"] is True


def test_printer_columns(sim, fwb_crds, ns):
    sim.kubectl("apply", "-n", ns, "-f", os.path.join(SAMPLES, "cluster.yaml"))
    sim.kubectl("apply", "-n", ns, "-f", os.path.join(SAMPLES, "backup-policy.yaml"))
    sim.kubectl("apply", "-n", ns, "-f", os.path.join(SAMPLES, "restore-request.yaml"))
    assert sim.kubectl("get", "fwb", "-n", ns).stdout.splitlines()[0].split() == ["NAME", "READY", "PHASE", "REPLICAS", "AGE"]
    assert sim.kubectl("get", "fwb", "-n", ns, "-o", "wide").stdout.splitlines()[0].split() == [
        "NAME", "READY", "PHASE", "REPLICAS", "URL", "AGE"]
    assert sim.kubectl("get", "fwbbp", "-n", ns).stdout.splitlines()[0].split() == [
        "NAME", "CLUSTER", "SCHEDULE", "LAST", "BACKUP", "HEALTHY", "AGE"]
    assert sim.kubectl("get", "fwbrr", "-n", ns).stdout.splitlines()[0].split() == [
        "NAME", "CLUSTER", "BACKUP", "PHASE", "AGE"]


def test_scale_reaches_spec_app_replicas(sim, fwb_crds, ns):
    sim.kubectl("apply", "-n", ns, "-f", os.path.join(SAMPLES, "cluster.yaml"))
    sim.kubectl("scale", "fwb", "files", "-n", ns, "--replicas=5")
    cluster = json.loads(sim.kubectl("get", "fwb", "files", "-n", ns, "-o", "json").stdout)
    assert cluster["spec"]["app"]["replicas"] == 5


INVALID = [
    ("fwb", "spec:\n  cache:\n    evictionPolicy: lru\n", "spec.cache.evictionPolicy", "Unsupported value"),
    ("fwb", "spec:\n  app:\n    replicas: -1\n", "spec.app.replicas", "greater than or equal to 0"),
    ("fwb", "spec:\n  app:\n    replicas: 1000\n", "spec.app.replicas", "less than or equal to 100"),
    ("fwb", "spec:\n  cache:\n    maxMemory: lots\n", "spec.cache.maxMemory", "should match"),
    ("fwb", "spec:\n  database:\n    databaseName: \"drop table;\"\n", "spec.database.databaseName", "should match"),
    ("fwb", "spec:\n  database:\n    storage:\n      size: ten gigs\n", "spec.database.storage.size", "should match"),
    ("fwb", "spec:\n  app:\n    environment: staging\n", "spec.app.environment", "Unsupported value"),
    ("fwb", "spec:\n  cache:\n    ttl:\n      sessionSeconds: 0\n", "spec.cache.ttl.sessionSeconds", "greater than or equal to 60"),
    ("fwb", "spec:\n  deletionPolicy: Keep\n", "spec.deletionPolicy", "Unsupported value"),
    ("fwb", "spec:\n  app:\n    blobStorage:\n      accessMode: ReadOnlyMany\n", "spec.app.blobStorage.accessMode", "Unsupported value"),
    ("fwb", "spec:\n  cache:\n    colour: red\n", "spec.cache.colour", "unknown field"),
    ("fwbbp", "spec:\n  schedule: \"0 2 * *\"\n", "spec.clusterRef", "Required value"),
    ("fwbbp", "spec:\n  clusterRef:\n    name: files\n  schedule: every night\n", "spec.schedule", "should match"),
    ("fwbbp", "spec:\n  clusterRef:\n    name: files\n  compression: bzip2\n", "spec.compression", "Unsupported value"),
    ("fwbbp", "spec:\n  clusterRef:\n    name: files\n  retention:\n    days: -1\n", "spec.retention.days", "greater than or equal to 0"),
    ("fwbbp", "spec:\n  clusterRef:\n    name: files\n  retention:\n    minCount: 0\n", "spec.retention.minCount", "greater than or equal to 1"),
    ("fwbbp", "spec:\n  clusterRef:\n    name: Files_1\n", "spec.clusterRef.name", "should match"),
    ("fwbbp", "spec:\n  clusterRef:\n    name: files\n  timeZone: ../etc/passwd\n", "spec.timeZone", "should match"),
    ("fwbrr", "spec:\n  clusterRef:\n    name: files\n  backup: ../../x\n", "spec.backup", "should match"),
    ("fwbrr", "spec:\n  backup: latest\n", "spec.clusterRef", "Required value"),
    ("fwbrr", "spec:\n  clusterRef:\n    name: files\n  safetyBackup: maybe\n", "spec.safetyBackup", "must be of type boolean"),
]
KINDS = {"fwb": "FileWallBallCluster", "fwbbp": "BackupPolicy", "fwbrr": "RestoreRequest"}


@pytest.mark.parametrize("short,spec,field,reason", INVALID, ids=[f"{i[0]}-{i[2]}-{n}" for n, i in enumerate(INVALID)])
def test_invalid_specs_are_refused_with_the_field_path(sim, fwb_crds, ns, short, spec, field, reason):
    manifest = f"apiVersion: filewallball.io/v1alpha1\nkind: {KINDS[short]}\nmetadata:\n  name: bad\n{spec}"
    r = sim.kubectl("apply", "-n", ns, "-f", "-", stdin=manifest, check=False)
    assert r.returncode != 0, r.stdout
    assert field in r.stderr and reason in r.stderr, r.stderr
    assert sim.kubectl("get", short, "-n", ns, "-o", "name").stdout.strip() == ""


def test_restore_request_spec_is_immutable(sim, fwb_crds, ns):
    """The CRD's transition rule `self == oldSelf` on spec (x-kubernetes-validations) is enforced on update only."""
    sim.kubectl("apply", "-n", ns, "-f", os.path.join(SAMPLES, "restore-request.yaml"))
    r = sim.kubectl("patch", "fwbrr", "restore-latest", "-n", ns, "--type=merge", "-p", '{"spec":{"safetyBackup":false}}',
                    check=False)
    assert r.returncode != 0, r.stdout
    assert 'spec: Invalid value: "object": spec is immutable: create a new RestoreRequest instead' in r.stderr, r.stderr
    restore = json.loads(sim.kubectl("get", "fwbrr", "restore-latest", "-n", ns, "-o", "json").stdout)
    assert restore["spec"]["safetyBackup"] is True
    # Labels and status are not spec: they still change.
    sim.kubectl("label", "fwbrr", "restore-latest", "-n", ns, "tier=gold")
    sim.kubectl("patch", "fwbrr", "restore-latest", "-n", ns, "--subresource=status", "--type=merge",
                "-p", '{"status":{"phase":"Restoring"}}')


def test_cluster_name_length_rule(sim, fwb_crds, ns):
    """The root rule `self.metadata.name.size() <= 40` refuses longer names at create."""
    manifest = open(os.path.join(SAMPLES, "cluster.yaml")).read()
    long_name = "a" * 41
    r = sim.kubectl("apply", "-n", ns, "-f", "-", stdin=manifest.replace("name: files", f"name: {long_name}", 1), check=False)
    assert r.returncode != 0, r.stdout
    assert "metadata.name must be at most 40 characters" in r.stderr, r.stderr
    ok = sim.kubectl("apply", "-n", ns, "-f", "-", stdin=manifest.replace("name: files", "name: " + "b" * 40, 1))
    assert "created" in ok.stdout


def test_backup_policy_name_length_rule(sim, fwb_crds, ns):
    """The root rule `self.metadata.name.size() <= 45` keeps the policy's CronJob and Job names valid."""
    manifest = open(os.path.join(SAMPLES, "backup-policy.yaml")).read()
    r = sim.kubectl("apply", "-n", ns, "-f", "-", stdin=manifest.replace("name: nightly", "name: " + "p" * 46, 1), check=False)
    assert r.returncode != 0, r.stdout
    assert "metadata.name must be at most 45 characters" in r.stderr, r.stderr
    ok = sim.kubectl("apply", "-n", ns, "-f", "-", stdin=manifest.replace("name: nightly", "name: " + "q" * 45, 1))
    assert "created" in ok.stdout
