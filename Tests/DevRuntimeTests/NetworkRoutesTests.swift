import Foundation
import KubeClient
import Testing
@testable import DevRuntime

/// ServiceRoutes and ClusterHosts: pure functions of Services and Pods.
@Suite struct NetworkRoutesTests {
    static func service(_ name: String, ns: String = "demo", ip: String?, selector: [String: String] = ["app": "web"],
        ports: [JSONValue] = [["name": "http", "port": 80, "targetPort": "web"]], extra: JSONObject = [:]) -> Service
    {
        var spec: JSONObject = ["selector": .object(selector.mapValues { .string($0) }), "ports": .array(ports)]
        if let ip { spec["clusterIP"] = .string(ip) }
        for (k, v) in extra { spec[k] = v }
        return Service(object: ["metadata": ["name": .string(name), "namespace": .string(ns)], "spec": .object(spec)])
    }

    static func pod(_ name: String, ns: String = "demo", ip: String?, labels: [String: String] = ["app": "web"],
        phase: String = "Running", ready: Bool = true, deleting: Bool = false, hostname: String? = nil, subdomain: String? = nil) -> Pod
    {
        var meta: JSONObject = ["name": .string(name), "namespace": .string(ns), "labels": .object(labels.mapValues { .string($0) })]
        if deleting { meta["deletionTimestamp"] = "2026-01-01T00:00:00Z" }
        var spec: JSONObject = ["containers": [["name": "main", "ports": [["name": "web", "containerPort": 8080]]]]]
        if let hostname { spec["hostname"] = .string(hostname) }
        if let subdomain { spec["subdomain"] = .string(subdomain) }
        var status: JSONObject = ["phase": .string(phase), "conditions": [["type": "Ready", "status": ready ? "True" : "False"]]]
        if let ip { status["podIP"] = .string(ip) }
        return Pod(object: ["metadata": .object(meta), "spec": .object(spec), "status": .object(status)])
    }

    @Test func endpointsFollowSelectorReadinessAndPorts() {
        let services = [
            Self.service("web", ip: "127.20.0.5", ports: [["name": "http", "port": 80, "targetPort": "web"], ["port": 9000, "targetPort": 9001],
                ["name": "dns", "port": 53, "protocol": "UDP"], ["name": "plain", "port": 7000]]),
            Self.service("headless", ip: "None"),
            Self.service("external", ip: nil, extra: ["type": "ExternalName", "externalName": "example.org"]),
            Self.service("noselector", ip: "127.20.0.9", selector: [:]),
        ]
        let pods = [
            Self.pod("b", ip: "127.10.0.2"),
            Self.pod("a", ip: "127.10.0.1"),
            Self.pod("notready", ip: "127.10.0.3", ready: false),
            Self.pod("pending", ip: "127.10.0.4", phase: "Pending"),
            Self.pod("noip", ip: nil),
            Self.pod("deleting", ip: "127.10.0.6", deleting: true),
            Self.pod("done", ip: "127.10.0.7", phase: "Succeeded"),
            Self.pod("other", ip: "127.10.0.8", labels: ["app": "other"]),
            Self.pod("elsewhere", ns: "prod", ip: "127.10.0.9"),
        ]
        let routes = ServiceRoutes.routes(services: services, pods: pods)
        #expect(routes.map(\.listenAddress) == ["127.20.0.5:80", "127.20.0.5:7000", "127.20.0.5:9000", "127.20.0.9:80"])
        let http = routes.first { $0.listenPort == 80 && $0.listenHost == "127.20.0.5" }
        #expect(http?.backends.map(\.description) == ["127.10.0.1:8080", "127.10.0.2:8080"])
        #expect(http?.backends.map(\.podName) == ["a", "b"])
        #expect(routes.first { $0.listenPort == 9000 }?.backends.map(\.port) == [9001, 9001])
        #expect(routes.first { $0.listenPort == 7000 }?.backends.map(\.port) == [7000, 7000])   // no targetPort: the port
        #expect(routes.first { $0.listenHost == "127.20.0.9" }?.backends.isEmpty == true)

        // publishNotReadyAddresses: every non-terminated Pod with an IP, even not ready or being deleted.
        let publish = Self.service("web", ip: "127.20.0.5", extra: ["publishNotReadyAddresses": true])
        let all = ServiceRoutes.routes(services: [publish], pods: pods).first?.backends.map(\.podName)
        #expect(all == ["a", "b", "deleting", "notready", "pending"])

        // A named targetPort the Pod does not declare: that Pod is no backend of that port.
        var odd = Self.pod("odd", ip: "127.10.0.10")
        odd.spec.containers = [Container(name: "main", image: "x")]
        #expect(ServiceRoutes.routes(services: [services[0]], pods: [odd]).first { $0.listenPort == 80 }?.backends.isEmpty == true)
    }

    @Test func hostsFileNamesServicesAndStatefulSetPods() {
        let services = [
            Self.service("web", ip: "127.20.0.5"),
            Self.service("db", ip: "None", selector: ["app": "db"]),
            Self.service("cache", ns: "prod", ip: "127.20.0.6"),
            Self.service("external", ip: nil, extra: ["type": "ExternalName", "externalName": "example.org"]),
        ]
        let pods = [
            Self.pod("db-0", ip: "127.10.0.20", labels: ["app": "db"], hostname: "db-0", subdomain: "db"),
            Self.pod("db-1", ip: "127.10.0.21", labels: ["app": "db"], ready: false, hostname: "db-1", subdomain: "db"),
        ]
        let demo = ClusterHosts.render(namespace: "demo", services: services, pods: pods)
        let lines = demo.split(separator: "\n").map(String.init)
        #expect(lines.contains("127.0.0.1\tlocalhost"))
        #expect(lines.contains("127.20.0.5\tweb.demo.svc.cluster.local web.demo.svc web.demo web"))
        #expect(lines.contains("127.20.0.6\tcache.prod.svc.cluster.local cache.prod.svc cache.prod"))
        #expect(lines.contains("127.10.0.20\tdb.demo.svc.cluster.local db.demo.svc db.demo db"))
        #expect(lines.contains("127.10.0.20\tdb-0.db.demo.svc.cluster.local db-0.db.demo.svc db-0.db.demo db-0.db"))
        #expect(!demo.contains("127.10.0.21"))   // not ready
        #expect(!demo.contains("external"))
        let prod = ClusterHosts.render(namespace: "prod", services: services, pods: pods)
        #expect(prod.contains("127.20.0.6\tcache.prod.svc.cluster.local cache.prod.svc cache.prod cache\n"))
        #expect(prod.contains("127.20.0.5\tweb.demo.svc.cluster.local web.demo.svc web.demo\n"))
        #expect(!prod.contains(" web\n"))
        // publishNotReadyAddresses on the headless Service names the not-ready ordinal too.
        let publishing = [Self.service("db", ip: "None", selector: ["app": "db"], extra: ["publishNotReadyAddresses": true])]
        #expect(ClusterHosts.render(namespace: "demo", services: publishing, pods: pods).contains("127.10.0.21\tdb-1.db.demo.svc.cluster.local"))
    }

    @Test func endpointsObjectListsReadyAndNotReadyPods() throws {
        var service = Self.service("web", ip: "127.20.0.5", ports: [["name": "http", "port": 80, "targetPort": "web"]])
        service.metadata.uid = "svc-uid"
        var ready = Self.pod("a", ip: "127.10.0.1")
        ready.metadata.uid = "pod-a"
        let pods = [ready, Self.pod("b", ip: "127.10.0.2", ready: false), Self.pod("gone", ip: "127.10.0.3", deleting: true),
            Self.pod("other", ip: "127.10.0.4", labels: ["app": "other"])]
        let e = try #require(ServiceEndpoints.endpoints(for: service, pods: pods))
        #expect(e.object["kind"] == "Endpoints")
        #expect(e.metadata.name == "web")
        #expect(e.metadata.ownerReferences.first?.uid == "svc-uid")
        let subsets = e.object["subsets"]?.arrayValue ?? []
        #expect(subsets.count == 1)
        #expect(subsets.first?["ports"] == [["name": "http", "port": 8080, "protocol": "TCP"]])
        #expect(subsets.first?["addresses"]?.arrayValue?.map { $0["ip"] } == ["127.10.0.1"])
        #expect(subsets.first?["addresses"]?.arrayValue?.first?[path: ["targetRef", "uid"]] == "pod-a")
        #expect(subsets.first?["notReadyAddresses"]?.arrayValue?.map { $0["ip"] } == ["127.10.0.2"])
        #expect(ServiceEndpoints.endpoints(for: Self.service("manual", ip: "127.20.0.6", selector: [:]), pods: pods) == nil)
    }

    @Test func hostsWriterKeepsTheInodeAndNeverShowsATruncatedFile() throws {
        let path = NSTemporaryDirectory() + "hosts-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try HostsFileWriter.write("127.0.0.1\tlocalhost\n127.20.0.5\tlong-service-name.demo.svc.cluster.local\n", to: path)
        let inode = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64
        let before = try String(contentsOfFile: path, encoding: .utf8)
        try HostsFileWriter.write("127.0.0.1\tlocalhost\n", to: path)
        let after = try String(contentsOfFile: path, encoding: .utf8)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64 == inode)
        #expect(after.utf8.count == before.utf8.count)   // padded, not truncated
        #expect(after.hasPrefix("127.0.0.1\tlocalhost\n#"))
        #expect(!after.contains("long-service-name"))
        #expect(after.hasSuffix("\n"))
        for n in 0..<5 {
            let padded = HostsFileWriter.padded(Array("ab\n".utf8), toAtLeast: 3 + n)
            #expect(padded.count == max(3, 3 + n))
            #expect(padded.last == 0x0A)
        }
        #expect(HostsFileWriter.padded(Array("ab".utf8), toAtLeast: 3) == Array("ab\n".utf8))
    }
}
