"""An image dev cannot run is reported on the Pod (ErrImageNeverPull, with what to do) and so in the
cluster's conditions — never silently ignored."""


def test_unknown_image_is_reported_on_the_pod_and_the_cluster(dev):
    dev.kubectl("apply", "-f", "-", input="""apiVersion: filewallball.io/v1alpha1
kind: FileWallBallCluster
metadata:
  name: odd
spec:
  app:
    image: nginx:1.27
    replicas: 1
  deletionPolicy: Delete
""")
    try:
        def pod_waiting():
            pods = dev.json("get", "pods", "-l", "app.kubernetes.io/instance=odd,app.kubernetes.io/component=file-service")["items"]
            waiting = [p["status"]["containerStatuses"][0]["state"].get("waiting", {}) for p in pods if p["status"].get("containerStatuses")]
            return next((w for w in waiting if w.get("reason") == "ErrImageNeverPull"), None)
        waiting = dev.wait_for(pod_waiting, timeout=60, what="the pod to report ErrImageNeverPull")
        assert "nginx:1.27" in waiting["message"]
        listed = dev.kubectl("get", "pods", "-l", "app.kubernetes.io/instance=odd,app.kubernetes.io/component=file-service").stdout
        assert "ErrImageNeverPull" in listed, listed

        def cluster_says_why():
            conditions = dev.json("get", "fwb", "odd").get("status", {}).get("conditions", [])
            app = next((c for c in conditions if c["type"] == "AppReady"), {})
            return app.get("status") == "False" and "ErrImageNeverPull" in app.get("message", "") and app
        app = dev.wait_for(cluster_says_why, timeout=60, what="the cluster's AppReady to name the problem")
        assert "nginx:1.27" in app["message"]
    finally:
        dev.kubectl("delete", "fwb", "odd", "--wait=true", "--timeout=90s", timeout=120, check=False)
