import Foundation
import KubeClient
import KubeSim
import Logging
import Testing
import TestSupport
@testable import DevRuntime

/// The runtime against an embedded KubeSim whose own workload simulation is off: real processes (redis-server
/// and a stand-in for the FileWallBall binary) in bubblewrap sandboxes, status only from the runtime.
@Suite(.serialized) struct LocalRuntimeTests {
    struct Harness {
        var sim: KubeSimServer
        var client: KubeClient
        var task: Task<Void, Never>
        var directory: URL

        func stop() async {
            task.cancel()
            await task.value
            await sim.shutdown()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    static var toolsPresent: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/bwrap") && ImageCatalog(fileWallBallBinary: "/x").locate("redis-server") != nil
    }

    func start() async throws -> Harness {
        let directory = try ProjectPaths.makeTemporaryDirectory(prefix: "devruntime")
        // The "FileWallBall image" here is a script: it writes its arguments as the termination message and
        // exits with the first one.
        let bin = directory.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let script = bin.appendingPathComponent("filewallball")
        try "#!/bin/sh\nprintf 'result %s' \"$*\" > /dev/termination-log\necho \"ran with $*\"\nexit \"$1\"\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)

        let simulation = SimulationSettings(deployments: false, deploymentReadyDelay: .zero, jobs: false, jobCompletionDelay: .zero,
                                            cronJobs: false, statefulSets: false, volumeBinding: true, volumeBindDelay: .zero)
        let sim = try await KubeSimServer.start(configuration: .init(listen: "127.0.0.1:0", tls: false, requireToken: false, simulation: simulation))
        let client = KubeClient(configuration: ClientConfiguration(server: sim.baseURL, namespace: "default"))
        var settings = KubeletSettings()
        settings.restartBackoff = .milliseconds(200)
        let runtime = LocalRuntime(client: client, layout: DevLayout(root: directory.appendingPathComponent("data").path),
                                   catalog: ImageCatalog(fileWallBallBinary: script.path), settings: settings, logger: Logger(label: "test"))
        let task = Task { await runtime.run() }
        return Harness(sim: sim, client: client, task: task, directory: directory)
    }

    /// Runs `body` with a fresh harness and stops it (every process, the API server) before returning,
    /// so the next test starts with the addresses free.
    func withHarness(_ body: (Harness) async throws -> Void) async throws {
        let harness = try await start()
        do {
            try await body(harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    func template(_ labels: [String: String], container: Container, restartPolicy: String? = nil) -> PodTemplateSpec {
        var template = PodTemplateSpec(object: [:])
        var metadata = ObjectMeta()
        metadata.labels = labels
        template.metadata = metadata
        template.spec.containers = [container]
        if let restartPolicy { template.spec.restartPolicy = restartPolicy }
        return template
    }

    @Test func redisDeploymentRunsRestartsAndStops() async throws {
        guard Self.toolsPresent else { return }
        try await withHarness { harness in
        var container = Container(name: "redis", image: "redis:7.2")
        container.command = ["redis-server", "--save", "", "--appendonly", "no"]
        container.ports = [ContainerPort(name: "redis", containerPort: 6379)]
        container.readinessProbe = Probe.tcpSocket(port: .string("redis")).timing(periodSeconds: 1)
        var deployment = Deployment(name: "cache", namespace: "default")
        var spec = DeploymentSpec()
        spec.replicas = 2
        spec.selector = LabelSelector(object: ["matchLabels": ["app": "cache"]])
        spec.template = template(["app": "cache"], container: container)
        deployment.spec = spec
        _ = try await harness.client.resource(Deployment.self).create(deployment, namespace: "default")

        let deployments = harness.client.resource(Deployment.self)
        let pods = harness.client.resource(Pod.self)
        #expect(await pollUntil(timeout: .seconds(30), interval: .milliseconds(100)) {
            (try? await deployments.get("cache", namespace: "default"))?.status.readyReplicas == 2
        }, "two redis-server processes became ready")
        let running = try await pods.list(namespace: "default").items
        #expect(running.count == 2)
        let addresses = Set(running.compactMap(\.status.podIP))
        #expect(addresses.count == 2 && addresses.allSatisfy { $0.hasPrefix("127.10.") }, "each Pod has a loopback address of its own")
        // Both really answer on their own addresses, on the same port.
        for address in addresses {
            #expect(redisPing(address), "redis answers on \(address)")
        }

        // Kill one process: the kubelet restarts it and counts the restart.
        let victim = try #require(running.first)
        let containerID = try #require(victim.object["status"]?["containerStatuses"]?.arrayValue?.first?["containerID"]?.stringValue)
        let pid = try #require(Int32(containerID.replacingOccurrences(of: "filewallball-dev://", with: "")))
        kill(-pid, SIGKILL)
        #expect(await pollUntil(timeout: .seconds(20), interval: .milliseconds(100)) {
            guard let pod = try? await pods.get(victim.name, namespace: "default"),
                  let status = pod.object["status"]?["containerStatuses"]?.arrayValue?.first else { return false }
            return status["restartCount"]?.intValue == 1 && status["ready"]?.boolValue == true
                && status["lastState"]?["terminated"]?["exitCode"]?.intValue == 137
        }, "restarted once, ready again, last exit 137")

        // Scale to zero: the processes go.
        _ = try await deployments.patch("cache", namespace: "default", patch: .merge(["spec": ["replicas": 0]]))
        #expect(await pollUntil(timeout: .seconds(20), interval: .milliseconds(100)) {
            (try? await pods.list(namespace: "default").items.isEmpty) == true
        })
        #expect(await pollUntil(timeout: .seconds(10), interval: .milliseconds(100)) {
            !redisPing(addresses.first ?? "")
        }, "no process answers any more")
        }
    }

    @Test func jobsEndWithExitCodesAndTerminationMessages() async throws {
        guard Self.toolsPresent else { return }
        try await withHarness { harness in
        let jobs = harness.client.resource(Job.self)
        func job(_ name: String, exitCode: Int, backoffLimit: Int) -> Job {
            var container = Container(name: "run", image: "filewallball/filewallball:1")
            container.args = [String(exitCode), "backup"]
            var job = Job(object: ["apiVersion": "batch/v1", "kind": "Job"])
            var metadata = ObjectMeta()
            metadata.name = name
            metadata.namespace = "default"
            job.metadata = metadata
            job.object["spec"] = .object([
                "backoffLimit": .int(Int64(backoffLimit)),
                "template": .object(template(["app": name], container: container, restartPolicy: "Never").object),
            ])
            return job
        }
        _ = try await jobs.create(job("good", exitCode: 0, backoffLimit: 0), namespace: "default")
        _ = try await jobs.create(job("bad", exitCode: 3, backoffLimit: 1), namespace: "default")
        func condition(_ name: String, _ type: String) async -> Bool {
            guard let job = try? await jobs.get(name, namespace: "default") else { return false }
            return job.object["status"]?["conditions"]?.arrayValue?.contains { $0["type"]?.stringValue == type && $0["status"]?.stringValue == "True" } ?? false
        }
        #expect(await pollUntil(timeout: .seconds(30), interval: .milliseconds(100)) { await condition("good", "Complete") })
        #expect(await pollUntil(timeout: .seconds(30), interval: .milliseconds(100)) { await condition("bad", "Failed") })
        let bad = try await jobs.get("bad", namespace: "default")
        #expect(bad.object["status"]?["failed"]?.intValue == 2, "backoffLimit 1: two attempts")
        let pods = try await harness.client.resource(Pod.self).list(namespace: "default", options: ListOptions(labelSelector: "job-name=good")).items
        let terminated = try #require(pods.first?.object["status"]?["containerStatuses"]?.arrayValue?.first?["state"]?["terminated"])
        #expect(terminated["exitCode"]?.intValue == 0)
        #expect(terminated["message"]?.stringValue == "result 0 backup")
        #expect(pods.first?.status.phase == "Succeeded")
        }
    }

    @Test func unknownImageWaitsWithErrImageNeverPullOnThePodAndTheDeployment() async throws {
        guard Self.toolsPresent else { return }
        try await withHarness { harness in
        var deployment = Deployment(name: "web", namespace: "default")
        var spec = DeploymentSpec()
        spec.replicas = 1
        spec.selector = LabelSelector(object: ["matchLabels": ["app": "web"]])
        spec.template = template(["app": "web"], container: Container(name: "nginx", image: "nginx:1.27"))
        deployment.spec = spec
        _ = try await harness.client.resource(Deployment.self).create(deployment, namespace: "default")
        let pods = harness.client.resource(Pod.self)
        #expect(await pollUntil(timeout: .seconds(20), interval: .milliseconds(100)) {
            let pod = try? await pods.list(namespace: "default").items.first
            let waiting = pod?.object["status"]?["containerStatuses"]?.arrayValue?.first?["state"]?["waiting"]
            return waiting?["reason"]?.stringValue == "ErrImageNeverPull" && (waiting?["message"]?.stringValue ?? "").contains("nginx:1.27")
        }, "the Pod says why it cannot run")
        #expect(await pollUntil(timeout: .seconds(20), interval: .milliseconds(100)) {
            let status = try? await harness.client.resource(Deployment.self).get("web", namespace: "default").status
            return status?.conditions.contains { $0.type == "Available" && $0.status == "False" && ($0.message ?? "").contains("ErrImageNeverPull") } ?? false
        }, "and so does the Deployment")
        }
    }

    @Test func statefulSetPodsInOrderWithClaimsAndStableNames() async throws {
        guard Self.toolsPresent else { return }
        try await withHarness { harness in
        var container = Container(name: "redis", image: "redis:7.2")
        container.command = ["redis-server", "--save", "", "--appendonly", "no", "--dir", "/data"]
        container.ports = [ContainerPort(name: "redis", containerPort: 6379)]
        container.volumeMounts = [VolumeMount(name: "data", mountPath: "/data")]
        container.readinessProbe = Probe.tcpSocket(port: .string("redis")).timing(periodSeconds: 1)
        var set = StatefulSet(object: ["apiVersion": "apps/v1", "kind": "StatefulSet"])
        var metadata = ObjectMeta()
        metadata.name = "db"
        metadata.namespace = "default"
        set.metadata = metadata
        set.object["spec"] = .object([
            "replicas": 2, "serviceName": "db-headless",
            "selector": .object(["matchLabels": .object(["app": "db"])]),
            "template": .object(template(["app": "db"], container: container).object),
            "volumeClaimTemplates": .array([.object([
                "metadata": .object(["name": "data"]),
                "spec": .object(["accessModes": .array(["ReadWriteOnce"]), "resources": .object(["requests": .object(["storage": "1Gi"])])]),
            ])]),
        ])
        _ = try await harness.client.resource(StatefulSet.self).create(set, namespace: "default")
        #expect(await pollUntil(timeout: .seconds(30), interval: .milliseconds(100)) {
            (try? await harness.client.resource(StatefulSet.self).get("db", namespace: "default"))?.object["status"]?["readyReplicas"]?.intValue == 2
        }, "both ordinals ready")
        let pods = try await harness.client.resource(Pod.self).list(namespace: "default").items.sorted { $0.name < $1.name }
        #expect(pods.map(\.name) == ["db-0", "db-1"])
        #expect(pods.map { $0.object["spec"]?["hostname"]?.stringValue } == ["db-0", "db-1"])
        #expect(pods.allSatisfy { $0.object["spec"]?["subdomain"]?.stringValue == "db-headless" })
        let claims = try await harness.client.resource(PersistentVolumeClaim.self).list(namespace: "default").items.map(\.name).sorted()
        #expect(claims == ["data-db-0", "data-db-1"])
        // db-0 started first: db-1 is created only once db-0 is ready (OrderedReady).
        let created = pods.compactMap { $0.metadata.creationTimestamp }
        #expect(created.count == 2 && created[0] <= created[1])
        }
    }

    @Test func containersRunAsTheirRunAsUserWithFsGroupOwnedVolumes() async throws {
        guard Self.toolsPresent, getuid() == 0 else { return }
        try await withHarness { harness in
        var container = Container(name: "who", image: "filewallball/filewallball:1")
        container.command = ["/bin/sh", "-c", "touch /work/made && printf '%s %s %s' \"$(id -u)\" \"$(id -G | tr ' ' ,)\" \"$(stat -c %g /work/made)\" > /dev/termination-log"]
        container.volumeMounts = [VolumeMount(name: "work", mountPath: "/work")]
        var template = template(["app": "who"], container: container, restartPolicy: "Never")
        template.spec.securityContext = .restricted(runAsUser: 4242, runAsGroup: 4243, fsGroup: 4244)
        template.spec.volumes = [.emptyDir("work")]
        var job = Job(object: ["apiVersion": "batch/v1", "kind": "Job"])
        var metadata = ObjectMeta()
        metadata.name = "who"
        metadata.namespace = "default"
        job.metadata = metadata
        job.object["spec"] = .object(["backoffLimit": 0, "template": .object(template.object)])
        _ = try await harness.client.resource(Job.self).create(job, namespace: "default")
        let pods = harness.client.resource(Pod.self)
        #expect(await pollUntil(timeout: .seconds(30), interval: .milliseconds(100)) {
            (try? await pods.list(namespace: "default").items.first)?.status.phase == "Succeeded"
        })
        let pod = try #require(try await pods.list(namespace: "default").items.first)
        let message = pod.object["status"]?["containerStatuses"]?.arrayValue?.first?["state"]?["terminated"]?["message"]?.stringValue
        #expect(message == "4242 4243,4244 4244", "uid, groups (fsGroup supplementary), and new files in the volume get fsGroup")
        }
    }
}

/// Sends PING to a Redis at `host`:6379 and says whether +PONG came back.
func redisPing(_ host: String) -> Bool {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var limit = timeval(tv_sec: 2, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(6379).bigEndian)
    guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return false }
    let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    guard connected == 0 else { return false }
    let ping = Array("PING\r\n".utf8)
    guard send(descriptor, ping, ping.count, 0) == ping.count else { return false }
    var buffer = [UInt8](repeating: 0, count: 16)
    let count = recv(descriptor, &buffer, buffer.count, 0)
    return count > 0 && String(decoding: buffer[0..<count], as: UTF8.self).hasPrefix("+PONG")
}
