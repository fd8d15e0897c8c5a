import Foundation
import KubeClient
import KubeSim
import Logging
import TestSupport
import Testing
@testable import DevRuntime

/// ServiceNetwork end to end: an embedded KubeSim allocating cluster IPs from the dev range, a Service and a
/// Pod whose status the test writes through the API, a real TCP backend, and the hosts file.
@Suite struct NetworkServiceTests {
    static func eventually(_ timeout: Duration = .seconds(10), _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(25))
        }
        return try await condition()
    }

    static func inode(_ path: String) -> UInt64? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.systemFileNumber] as? UInt64
    }

    @Test func servicesBecomeListenersAndHostNames() async throws {
        var logger = Logger(label: "devruntime-network-test")
        logger.logLevel = .warning
        let sim = try await KubeSimServer.start(configuration: KubeSimConfiguration(listen: "127.0.0.1:0", serviceCIDR: DevNetwork.serviceCIDR),
            logger: logger)
        let client = KubeClient(configuration: ClientConfiguration(server: sim.baseURL, namespace: "default"))
        let backend = try await EchoBackend.start(name: "web-0")
        let dir = NSTemporaryDirectory() + "devnet-\(UUID().uuidString)"
        let proxy = ServiceProxy(group: NetworkTestLoops.group, logger: logger)
        let network = ServiceNetwork(client: client, proxy: proxy, hostsDirectory: dir, debounce: .milliseconds(20), logger: logger)
        let running = Task { await network.run() }
        try await withCleanup({
            running.cancel()
            await running.value
            await proxy.shutdown()
            await backend.stop()
            await sim.shutdown()
            try? FileManager.default.removeItem(atPath: dir)
        }) { () async throws in
            let servicePort = try await NetworkTestAddresses.freePort(host: "127.20.0.1")
            let service = try await client.resource(Service.self).create(Service(object: [
                "metadata": ["name": "web", "namespace": "default"],
                "spec": ["selector": ["app": "web"], "ports": [["name": "http", "port": .int(Int64(servicePort)), "targetPort": "http"]]],
            ]))
            let ip = try #require(service.spec.clusterIP)
            #expect(ip.hasPrefix("127.20."))
            // The Service exists, no Pod yet: a listener that closes connections at once, and a name.
            let listen = "\(ip):\(servicePort)"
            #expect(await Self.eventually { await proxy.listenAddresses.contains(listen) })
            let hosts = network.hostsPath(namespace: "default")
            #expect(await Self.eventually {
                (try? String(contentsOfFile: hosts, encoding: .utf8))?.contains("\(ip)\tweb.default.svc.cluster.local web.default.svc web.default web\n") == true
            })
            let inode = Self.inode(hosts)
            // Services of every namespace are seen: a Service in another namespace has its qualified names here.
            _ = try await client.resource(Namespace.self).create(Namespace(object: ["metadata": ["name": "other"]]))
            let other = try await client.resource(Service.self).create(Service(object: [
                "metadata": ["name": "db", "namespace": "other"], "spec": ["ports": [["port": 3306]]],
            ]))
            let otherIP = try #require(other.spec.clusterIP)
            #expect(await Self.eventually {
                (try? String(contentsOfFile: hosts, encoding: .utf8))?.contains("\(otherIP)\tdb.other.svc.cluster.local db.other.svc db.other\n") == true
            })
            #expect(await Self.eventually {
                (try? String(contentsOfFile: network.hostsPath(namespace: "other"), encoding: .utf8))?.contains("db.other\n") == false
                    && (try? String(contentsOfFile: network.hostsPath(namespace: "other"), encoding: .utf8))?.contains("db.other db\n") == true
            })

            // A Pod, then its status written through the API like the dev kubelet does: Running, IP, Ready.
            let pods = client.resource(Pod.self)
            _ = try await pods.create(Pod(object: [
                "metadata": ["name": "web-0", "namespace": "default", "labels": ["app": "web"]],
                "spec": ["hostname": "web-0", "subdomain": "web-headless", "containers": [["name": "main", "image": "filewallball",
                    "ports": [["name": "http", "containerPort": .int(Int64(backend.port))]]]]],
            ]))
            var pod = try await pods.get("web-0")
            pod.status = PodStatus(object: ["phase": "Running", "podIP": .string(backend.host),
                "conditions": [["type": "Ready", "status": "True"]]])
            _ = try await pods.updateStatus(pod)
            #expect(await Self.eventually { network.routes.first { $0.listenAddress == listen }?.backends.count == 1 })
            #expect(try await ProxyTestClient.text(host: ip, port: servicePort) == "web-0\nping\nbye\n")
            // The Endpoints object kubectl describe shows.
            let endpoints = client.resource(GenericResource.self, descriptor: ServiceEndpoints.descriptor)
            #expect(await Self.eventually {
                let e = try? await endpoints.getIfExists("web", namespace: "default")
                let subset = e?.object["subsets"]?.arrayValue?.first
                return subset?["addresses"]?.arrayValue?.first?["ip"]?.stringValue == backend.host
                    && subset?["ports"]?.arrayValue?.first?["port"]?.intValue == Int64(backend.port)
            })

            // A headless Service for the Pod's subdomain: its stable name appears in the same file, same inode.
            _ = try await client.resource(Service.self).create(Service(object: [
                "metadata": ["name": "web-headless", "namespace": "default"],
                "spec": ["clusterIP": "None", "selector": ["app": "web"], "ports": [["port": 80]]],
            ]))
            #expect(await Self.eventually {
                (try? String(contentsOfFile: hosts, encoding: .utf8))?.contains("\(backend.host)\tweb-0.web-headless.default.svc.cluster.local") == true
            })
            #expect(Self.inode(hosts) == inode)

            // Not ready any more: no backend, the connection is closed at once.
            pod = try await pods.get("web-0")
            pod.status.conditions = [Condition(object: ["type": "Ready", "status": "False"])]
            _ = try await pods.updateStatus(pod)
            #expect(await Self.eventually { network.routes.first { $0.listenAddress == listen }?.backends.isEmpty == true })
            let closed = try? await ProxyTestClient.roundTrip(host: ip, port: servicePort, payload: Array("x".utf8))
            #expect(closed == nil || closed == [])

            // The Service goes: its listener and its name go too.
            try await client.resource(Service.self).delete("web")
            #expect(await Self.eventually { await !proxy.listenAddresses.contains(listen) })
            #expect(await Self.eventually {
                (try? String(contentsOfFile: hosts, encoding: .utf8))?.contains("web.default.svc.cluster.local") == false
            })
            #expect(Self.inode(hosts) == inode)
            #expect(await Self.eventually { (try? await endpoints.getIfExists("web", namespace: "default")) == nil })
            #expect(try network.prepareHostsFile(namespace: "empty") == network.hostsPath(namespace: "empty"))
            #expect(try String(contentsOfFile: network.hostsPath(namespace: "empty"), encoding: .utf8).hasPrefix(ClusterHosts.preamble))
        }
    }
}
