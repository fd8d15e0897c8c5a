"""Proof: printer columns with -o wide, `kubectl get -w` streaming, `kubectl wait --for=condition=Ready`."""
import threading
import time

from conftest import widget_yaml


def test_get_wide_shows_printer_columns(sim, widget_crd, ns):
    sim.kubectl("apply", "-n", ns, "-f", "-", stdin=widget_yaml("p1", "blue", size=42, owner="bob"))
    plain = sim.kubectl("get", "wd", "-n", ns).stdout.splitlines()
    assert plain[0].split() == ["NAME", "COLOR", "SIZE", "READY", "AGE"]
    assert plain[1].split()[:3] == ["p1", "blue", "42"]
    wide = sim.kubectl("get", "wd", "-n", ns, "-o", "wide").stdout.splitlines()
    assert wide[0].split() == ["NAME", "COLOR", "SIZE", "READY", "OWNER", "AGE"]
    assert "bob" in wide[1].split()
    sim.kubectl("patch", "wd", "p1", "-n", ns, "--subresource=status", "--type=merge",
                "-p", '{"status":{"conditions":[{"type":"Ready","status":"True"}]}}')
    assert sim.kubectl("get", "wd", "p1", "-n", ns).stdout.splitlines()[1].split()[3] == "True"


def read_lines(proc, sink):
    for line in proc.stdout:
        sink.append(line.rstrip("\n"))


def test_get_watch_streams_changes(sim, widget_crd, ns):
    sim.kubectl("apply", "-n", ns, "-f", "-", stdin=widget_yaml("watched", "red"))
    proc = sim.kubectl_popen("get", "wd", "-n", ns, "-w", "--output-watch-events")
    lines = []
    reader = threading.Thread(target=read_lines, args=(proc, lines), daemon=True)
    reader.start()
    try:
        deadline = time.time() + 10
        while not any("watched" in l for l in lines) and time.time() < deadline:
            time.sleep(0.05)
        sim.kubectl("patch", "wd", "watched", "-n", ns, "--type=merge", "-p", '{"spec":{"color":"green"}}')
        sim.kubectl("apply", "-n", ns, "-f", "-", stdin=widget_yaml("late", "blue"))
        sim.kubectl("delete", "wd", "late", "-n", ns)
        deadline = time.time() + 10
        while time.time() < deadline and not any(l.split()[:2] == ["DELETED", "late"] for l in lines if l.split()):
            time.sleep(0.05)
    finally:
        proc.terminate()
        proc.wait(timeout=5)
    events = [l.split()[:3] for l in lines if l.split()]
    assert ["EVENT", "NAME", "COLOR"] == events[0]
    assert ["ADDED", "watched", "red"] in events
    assert ["MODIFIED", "watched", "green"] in events
    assert ["ADDED", "late", "blue"] in events
    assert ["DELETED", "late", "blue"] in events
    assert events.index(["ADDED", "late", "blue"]) < events.index(["DELETED", "late", "blue"])


def test_wait_for_condition_ready(sim, widget_crd, ns):
    sim.kubectl("apply", "-n", ns, "-f", "-", stdin=widget_yaml("ready-me", "red"))
    sim.kubectl("patch", "wd", "ready-me", "-n", ns, "--subresource=status", "--type=merge",
                "-p", '{"status":{"conditions":[{"type":"Ready","status":"True","observedGeneration":0}]}}')
    stale = sim.kubectl("wait", "--for=condition=Ready", "wd/ready-me", "-n", ns, "--timeout=2s", check=False)
    assert stale.returncode != 0, "a condition with observedGeneration behind metadata.generation is ignored"
    waiter = sim.kubectl_popen("wait", "--for=condition=Ready", "wd/ready-me", "-n", ns, "--timeout=20s")
    time.sleep(1.0)
    assert waiter.poll() is None, "wait must block until the condition is met"
    sim.kubectl("patch", "wd", "ready-me", "-n", ns, "--subresource=status", "--type=merge",
                "-p", '{"status":{"conditions":[{"type":"Ready","status":"True","observedGeneration":1}]}}')
    out, err = waiter.communicate(timeout=20)
    assert waiter.returncode == 0, err
    assert "condition met" in out
