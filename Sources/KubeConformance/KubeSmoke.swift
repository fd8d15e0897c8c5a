import Foundation
import KubeClient
import KubeRuntime

/// A conformance walk of `KubeClient` and `KubeRuntime` against a real API server or KubeSim: every
/// verb, typed errors, watch, events and leader election, in a throw-away namespace. Used by
/// `kubeclient-bench smoke KUBECONFIG` (prints each check) and by the integration tests (expect no
/// failures).
public struct KubeSmoke {
    let client: KubeClient
    let namespace = "kc-smoke-\(UInt32.random(in: 0...UInt32.max))"
    /// Names (and details) of the checks that failed.
    public private(set) var failures: [String] = []
    /// Whether each check is printed to stdout.
    public var verbose: Bool

    /// A smoke run against the cluster of this kubeconfig.
    public init(kubeconfig: String, verbose: Bool = true) throws {
        client = KubeClient(configuration: try ClientConfiguration.resolve(kubeconfig: kubeconfig, context: nil, namespace: nil))
        self.verbose = verbose
    }

    mutating func check(_ name: String, _ condition: Bool, _ detail: String = "") {
        let line = "\(condition ? "PASS" : "FAIL") \(name)\(detail.isEmpty ? "" : " — \(detail)")"
        if verbose { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
        if !condition { failures.append(line) }
    }

    /// Runs every check; failed checks are collected in `failures`, unexpected errors are thrown.
    public mutating func run() async throws {
        let namespaces = client.resource(Namespace.self)
        _ = try await namespaces.create(Namespace(name: namespace))
        check("namespace created", try await namespaces.getIfExists(namespace) != nil)

        let configMaps = client.resource(ConfigMap.self)
        var config = ConfigMap(name: "one", namespace: namespace)
        config.data = ["a": "1"]
        config.metadata.labels = ["smoke": "yes"]
        config.object["futureField"] = ["kept": true]
        let created = try await configMaps.create(config)
        check("create returns rv and uid", created.resourceVersion != nil && created.uid != nil)
        do {
            _ = try await configMaps.create(config)
            check("duplicate create is AlreadyExists", false)
        } catch let error as KubeAPIError {
            check("duplicate create is AlreadyExists", error.kind == .alreadyExists, error.message)
        }
        var edited = try await configMaps.get("one", namespace: namespace)
        edited.data = ["a": "2"]
        let updated = try await configMaps.update(edited)
        check("update with rv", updated.data?["a"] == "2" && updated.resourceVersion != created.resourceVersion)
        do {
            _ = try await configMaps.update(edited)
            check("stale update is Conflict", false)
        } catch let error as KubeAPIError {
            check("stale update is Conflict", error.kind == .conflict, error.message)
        }
        let merged = try await configMaps.patch("one", namespace: namespace, patch: .merge(["data": ["b": "3"]]))
        check("merge patch", merged.data == ["a": "2", "b": "3"])
        let jsonPatched = try await configMaps.patch("one", namespace: namespace, patch: .json([["op": "replace", "path": "/data/a", "value": "4"]]))
        check("json patch", jsonPatched.data?["a"] == "4")
        let applied = try await configMaps.patch("two", namespace: namespace, patch: .apply(
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "two", "labels": ["smoke": "yes"]], "data": ["x": "y"]],
            fieldManager: "kubeclient-smoke", force: true))
        check("server-side apply creates", applied.data == ["x": "y"])
        let page = try await configMaps.list(namespace: namespace, options: ListOptions(labelSelector: "smoke=yes", limit: 1))
        let all = try await configMaps.listAll(namespace: namespace, options: ListOptions(labelSelector: "smoke=yes", limit: 1))
        check("list with selector and paging", page.items.count == 1 && all.items.count == 2, "page=\(page.items.count) all=\(all.items.count) continue=\(page.continueToken != nil)")

        let watcher = ResourceWatcher(resource: configMaps, options: WatcherOptions(namespace: namespace))
        var events = watcher.events().makeAsyncIterator()
        if case .listed(let items, _) = try await events.next() {
            check("watcher lists first", items.count == 2)
        }
        var three = ConfigMap(name: "three", namespace: namespace)
        three.data = ["z": "1"]
        _ = try await configMaps.create(three)
        if case .added(let object) = try await events.next() {
            check("watcher sees ADDED", object.name == "three")
        }
        let current = try await configMaps.get("three", namespace: namespace)
        do {
            try await configMaps.delete("three", namespace: namespace, options: DeleteOptions(preconditionResourceVersion: "1"))
            check("delete with stale precondition is Conflict", false)
        } catch let error as KubeAPIError {
            check("delete with stale precondition is Conflict", error.kind == .conflict, error.message)
        }
        try await configMaps.delete("three", namespace: namespace, options: DeleteOptions(propagationPolicy: .background, preconditionUID: current.uid))
        if case .deleted(let object) = try await events.next() {
            check("watcher sees DELETED", object.name == "three")
        }
        do {
            _ = try await configMaps.get("three", namespace: namespace)
            check("get after delete is NotFound", false)
        } catch let error as KubeAPIError {
            check("get after delete is NotFound", error.kind == .notFound)
        }

        let recorder = EventRecorder(client: client, component: "kubeclient-smoke")
        let one = try await configMaps.get("one", namespace: namespace)
        await recorder.record(one, type: .normal, reason: "Smoke", message: "hello")
        await recorder.record(one, type: .normal, reason: "Smoke", message: "hello")
        let recorded = try await client.resource(Event.self).list(namespace: namespace, options: ListOptions(fieldSelector: "involvedObject.name=one"))
        check("event recorded with count bump", recorded.items.first?.count == 2, "events=\(recorded.items.count) count=\(recorded.items.first?.count ?? -1)")

        var election = LeaderElectionConfig(leaseName: "kc-smoke", namespace: namespace, identity: "smoke-a")
        election.retryPeriod = .milliseconds(200)
        let elector = LeaderElector(client: client, config: election)
        let leading = Task { await elector.run { while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(50)) } } }
        try await Task.sleep(for: .seconds(1))
        check("leader acquired lease", await elector.isLeader)
        leading.cancel()
        await leading.value
        let lease = try await client.resource(Lease.self).get("kc-smoke", namespace: namespace)
        check("lease released on shutdown", (lease.spec.holderIdentity ?? "").isEmpty, "holder=\(lease.spec.holderIdentity ?? "nil")")

        try await configMaps.deleteCollection(namespace: namespace, listOptions: ListOptions(labelSelector: "smoke=yes"))
        let left = try await configMaps.list(namespace: namespace, options: ListOptions(labelSelector: "smoke=yes"))
        check("deleteCollection by selector", left.items.isEmpty, "left=\(left.items.count)")
        try await namespaces.delete(namespace)
        if verbose { print("smoke: \(failures.isEmpty ? "ok" : "\(failures.count) failed")") }
    }
}
