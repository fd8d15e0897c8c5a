import Foundation
import KubeClient
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Runs one Pod: prepares its volumes, starts each container as a sandboxed local process, runs its
/// probes, restarts it per `restartPolicy` with back-off, and keeps the Pod's status in the API true to
/// what is happening (phase, conditions, `containerStatuses` with restart counts, exit codes and
/// termination messages). Stopped when the Pod is deleted.
actor PodWorker {
    let namespace: String
    let name: String
    let uid: String
    let podIP: String
    private var pod: Pod
    private let context: KubeletContext
    private let directory: String
    private var records: [String: ContainerRecord] = [:]
    private var order: [String] = []
    private var processes: [String: LocalProcess] = [:]
    private var runs: [Task<Void, Never>] = []
    private var startTime = Date()
    private var finished = false
    private var stopping = false
    private var dirty = false
    private var writing = false
    /// Whether a status of this run has reached the API (a resumed Pod no longer shows the last run's).
    private(set) var hasWrittenStatus = false
    private var lastReady = false
    private var readyChangedAt = Date()
    private var logger: Logger

    init(pod: Pod, podIP: String, context: KubeletContext) {
        self.pod = pod
        namespace = pod.metadata.namespace ?? "default"
        name = pod.name
        uid = pod.metadata.uid ?? ""
        self.podIP = podIP
        self.context = context
        directory = context.layout.pod(namespace: namespace, name: pod.name, uid: pod.metadata.uid ?? "")
        var logger = context.logger
        logger[metadataKey: "k8s.pod"] = "\(namespace)/\(pod.name)"
        self.logger = logger
        let previous = Self.previousStatuses(pod)
        for container in pod.spec.containers {
            guard let containerName = container.name else { continue }
            var record = ContainerRecord(name: containerName, image: container.image ?? "")
            record.restartCount = previous[containerName] ?? 0
            records[containerName] = record
            order.append(containerName)
        }
        if let started = pod.object["status"]?["startTime"]?.stringValue.flatMap(KubeTime.parse) { startTime = started }
    }

    /// The log file of a container (current run, or the one before with `previous`).
    nonisolated static func logFile(directory: String, container: String, previous: Bool) -> String {
        "\(directory)/logs/\(container)\(previous ? ".previous" : "").log"
    }

    private static func previousStatuses(_ pod: Pod) -> [String: Int] {
        var counts: [String: Int] = [:]
        for status in pod.object["status"]?["containerStatuses"]?.arrayValue ?? [] {
            if let name = status["name"]?.stringValue { counts[name] = Int(status["restartCount"]?.intValue ?? 0) }
        }
        return counts
    }

    /// Starts every container's loop.
    func start() {
        try? FileManager.default.createDirectory(atPath: "\(directory)/logs", withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(atPath: "\(directory)/termination", withIntermediateDirectories: true)
        markDirty()
        for containerName in order {
            guard let container = pod.spec.containers.first(where: { $0.name == containerName }) else { continue }
            runs.append(Task { await self.runContainer(container) })
        }
        Task { await self.awaitCompletion() }
    }

    /// The Pod is gone: stops every process (SIGTERM, then SIGKILL after the grace period).
    func stop() async {
        stopping = true
        runs.forEach { $0.cancel() }
        let grace = min(context.settings.maxGracePeriod, .seconds(pod.spec.terminationGracePeriodSeconds ?? 30))
        await withTaskGroup(of: Void.self) { group in
            for process in processes.values { group.addTask { await process.stop(grace: grace) } }
        }
        processes.removeAll()
    }

    /// Removes the Pod's own files (not its PersistentVolumes).
    func removeFiles() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func awaitCompletion() async {
        for run in runs { await run.value }
        guard !stopping else { return }
        finished = true
        markDirty()
    }

    // MARK: One container

    private func runContainer(_ container: Container) async {
        let containerName = container.name ?? "?"
        let policy = pod.spec.restartPolicy ?? "Always"
        var backoff = context.settings.restartBackoff
        while !Task.isCancelled {
            let started: (LocalProcess, LocalCommand, [SandboxMount])
            do {
                started = try await launch(container)
            } catch let failure as LaunchFailure {
                update(containerName) { $0.state = .waiting(reason: failure.reason, message: failure.message) }
                logger.warning("container cannot start", metadata: ["container": "\(containerName)", "reason": "\(failure.reason)", "message": "\(failure.message)"])
                try? await Task.sleep(for: context.settings.configRetry)
                continue
            } catch {
                return
            }
            let (process, command, mounts) = started
            let startedAt = Date()
            processes[containerName] = process
            update(containerName) { $0.state = .running(startedAt: startedAt, pid: process.pid) }
            let probes = Task { await self.probe(container, command: command, mounts: mounts, process: process) }
            let status = await withTaskCancellationHandler {
                await process.waitForExit()
            } onCancel: {
                process.signalGroup(SIGTERM)
            }
            probes.cancel()
            processes[containerName] = nil
            guard !stopping else { return }
            let termination = ContainerRecord.Termination(
                exitCode: status, reason: status == 0 ? "Completed" : "Error",
                message: terminationMessage(container, exitCode: status), startedAt: startedAt, finishedAt: Date())
            logger.info("container exited", metadata: ["container": "\(containerName)", "exitCode": "\(status)"])
            let restarts = policy == "Always" || (policy == "OnFailure" && status != 0)
            guard restarts else {
                update(containerName) {
                    $0.state = .terminated(termination)
                    $0.ready = false
                }
                return
            }
            if Date().timeIntervalSince(startedAt) > 600 { backoff = context.settings.restartBackoff }
            update(containerName) {
                $0.lastTermination = termination
                $0.restartCount += 1
                $0.ready = false
                $0.state = .waiting(reason: "CrashLoopBackOff", message: "back-off \(Self.seconds(backoff)) restarting failed container=\(containerName) pod=\(self.name)_\(self.namespace)(\(self.uid))")
            }
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, context.settings.maxRestartBackoff)
        }
    }

    private static func seconds(_ duration: Duration) -> String { "\(duration.components.seconds)s" }

    private struct LaunchFailure: Error {
        var reason: String
        var message: String
    }

    /// Volumes, environment, command, sandbox, first-start initialization; then the process.
    private func launch(_ container: Container) async throws -> (LocalProcess, LocalCommand, [SandboxMount]) {
        let containerName = container.name ?? "?"
        let sources = context.sources(namespace)
        let volumes = PodVolumes(podDirectory: directory, volumeDirectory: context.layout.volumes,
                                 boundVolume: { [context, namespace] claim in context.claim(namespace, claim) }, sources: sources)
        var mounts: [SandboxMount]
        var environment: [(String, String)]
        let identity = ContainerIdentity.of(container, in: pod, runtimeIsRoot: context.catalog.runsAsRoot)
        do {
            let paths = try volumes.prepare(pod)
            if let identity { Self.applyOwnership(identity, volumes: pod.spec.volumes, paths: paths) }
            mounts = try PodVolumes.mounts(of: container, volumes: paths)
            environment = try ContainerEnvironment.resolve(container, pod: pod, podIP: podIP, sources: sources)
        } catch let error as ContainerConfigError {
            throw LaunchFailure(reason: "CreateContainerConfigError", message: error.message)
        }
        var values: [String: String] = [:]
        for (key, value) in environment { values[key] = value }
        let command = container.command?.map { ContainerEnvironment.expand($0, with: values) }
        let args = container.args?.map { ContainerEnvironment.expand($0, with: values) }
        var local: LocalCommand
        do {
            local = try context.catalog.command(image: container.image ?? "", command: command, args: args, environment: environment, podIP: podIP,
                                                asRoot: context.catalog.runsAsRoot && identity == nil)
        } catch {
            throw LaunchFailure(reason: error.reason, message: error.message)
        }
        local.environment = Self.baseEnvironment(pod: pod, local: local.environment)
        if local.arguments.first == context.catalog.fileWallBallBinary {
            local.arguments[0] = "\(Self.executableDirectory)/\((context.catalog.fileWallBallBinary as NSString).lastPathComponent)"
        }
        // The termination-message file, empty at every start.
        let terminationFile = "\(directory)/termination/\(containerName)"
        FileManager.default.createFile(atPath: terminationFile, contents: Data())
        identity?.own(terminationFile)
        mounts.append(SandboxMount(source: terminationFile, target: container.terminationMessagePath ?? "/dev/termination-log", readOnly: false))
        if local.image == .mariadb {
            try await prepareMariaDB(&local, mounts: &mounts, environment: values, identity: identity)
        }
        if let identity {
            guard let setpriv = context.catalog.locate("setpriv") else {
                throw LaunchFailure(reason: "RunContainerError", message: "setpriv is not installed on this machine (util-linux): it runs containers as their runAsUser")
            }
            local.arguments = identity.prefix(setpriv: setpriv) + local.arguments
        }
        let logFile = PodWorker.logFile(directory: directory, container: containerName, previous: false)
        if FileManager.default.fileExists(atPath: logFile), (records[containerName]?.hasStarted ?? false) {
            let previous = PodWorker.logFile(directory: directory, container: containerName, previous: true)
            try? FileManager.default.removeItem(atPath: previous)
            try? FileManager.default.moveItem(atPath: logFile, toPath: previous)
        }
        let sandbox = sandbox(mounts: mounts, workingDirectory: container.workingDir)
        do {
            let process = try LocalProcess(arguments: sandbox.commandLine(local.arguments), environment: local.environment, logFile: logFile)
            LeftoverProcesses.record(pid: process.pid, directory: directory, container: containerName)
            logger.info("container started", metadata: ["container": "\(containerName)", "pid": "\(process.pid)", "program": "\(local.arguments.first ?? "")"])
            return (process, local, mounts)
        } catch {
            throw LaunchFailure(reason: "RunContainerError", message: error.message)
        }
    }

    /// Ownership as the kubelet sets it up for a non-root container: writable volumes (`emptyDir`, claims)
    /// get `fsGroup` (or the user), Secret and ConfigMap files become readable by that group.
    private static func applyOwnership(_ identity: ContainerIdentity, volumes: [Volume], paths: [String: String]) {
        for volume in volumes {
            guard let name = volume.name, let path = paths[name] else { continue }
            if volume.isEmptyDir || volume.claimName != nil {
                identity.prepareVolume(path)
            } else {
                identity.ownReadOnly(path)
                for file in (try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? [] { identity.ownReadOnly("\(path)/\(file)") }
            }
        }
    }

    /// The variables every container gets: the images' PATH (with the runtime's tools first), HOSTNAME,
    /// HOME, then the container's own (which win).
    private static func baseEnvironment(pod: Pod, local: [(String, String)]) -> [(String, String)] {
        let base = [
            ("PATH", "\(runtimeBin):" + ImageCatalog.defaultSearchPath.joined(separator: ":")),
            ("HOSTNAME", pod.name), ("HOME", "/tmp"),
        ]
        let own = Set(local.map(\.0))
        return base.filter { !own.contains($0.0) } + local
    }

    /// Where the runtime's tools appear inside containers.
    static let runtimeBin = "/run/filewallball-dev/bin"
    /// Where the FileWallBall executable's directory appears inside containers.
    static let executableDirectory = "/.filewallball-dev/bin"

    private func sandbox(mounts: [SandboxMount], workingDirectory: String?) -> Sandbox {
        var all = mounts
        all.append(SandboxMount(source: "\(context.layout.runtime)/bin", target: Self.runtimeBin, readOnly: true))
        let binaryDirectory = (context.catalog.fileWallBallBinary as NSString).deletingLastPathComponent
        // The FileWallBall executable's directory appears at a fixed path of its own: under its host path it
        // could be hidden by a volume (a checkout under /tmp and an emptyDir at /tmp).
        all.append(SandboxMount(source: binaryDirectory, target: Self.executableDirectory, readOnly: true))
        return Sandbox(bubblewrap: context.bubblewrap, mounts: all, hostsFile: context.hostsFile(namespace),
                       hostDirectories: [], workingDirectory: workingDirectory)
    }

    /// First start of a MariaDB data directory: system tables, then the init file (see `MariaDBEntrypoint`).
    private func prepareMariaDB(_ local: inout LocalCommand, mounts: inout [SandboxMount], environment: [String: String], identity: ContainerIdentity?) async throws {
        guard let data = mounts.first(where: { $0.target == "/var/lib/mysql" })?.source else { return }
        if MariaDBEntrypoint.needsInstall(dataDirectory: data) {
            guard let installer = context.catalog.locate("mariadb-install-db") else {
                throw LaunchFailure(reason: "ErrImageNeverPull", message: "mariadb-install-db is not installed on this machine: install the mariadb-server package (bash hack/install-deps.sh)")
            }
            var argv = [installer, "--datadir=/var/lib/mysql", "--skip-test-db", "--auth-root-authentication-method=normal"]
            if context.catalog.runsAsRoot, identity == nil { argv.append("--user=root") }
            if let identity, let setpriv = context.catalog.locate("setpriv") { argv = identity.prefix(setpriv: setpriv) + argv }
            let log = "\(directory)/logs/mariadb-install-db.log"
            let process = try? LocalProcess(arguments: sandbox(mounts: mounts, workingDirectory: nil).commandLine(argv), environment: local.environment, logFile: log)
            let status = await process?.waitForExit() ?? 127
            guard status == 0 else {
                throw LaunchFailure(reason: "RunContainerError", message: "mariadb-install-db failed with exit code \(status) (see \(log))")
            }
        }
        guard MariaDBEntrypoint.needsInitFile(dataDirectory: data) else { return }
        let healthcheckOptions = "\(data)/.my-healthcheck.cnf"
        var password = ""
        if let existing = try? String(contentsOfFile: healthcheckOptions, encoding: .utf8),
           let line = existing.split(separator: "\n").first(where: { $0.hasPrefix("password=") }) {
            password = String(line.dropFirst("password=".count))
        } else {
            password = (0..<32).map { _ in String("0123456789abcdef".randomElement() ?? "0") }.joined()
            _ = FileManager.default.createFile(atPath: healthcheckOptions, contents: Data(MariaDBEntrypoint.healthcheckOptions(password: password).utf8), attributes: [.posixPermissions: 0o600])
        }
        identity?.own(healthcheckOptions)
        let sql: String
        do { sql = try MariaDBEntrypoint.initSQL(environment: environment, healthcheckPassword: password) } catch {
            throw LaunchFailure(reason: "CreateContainerConfigError", message: error.message)
        }
        let initDirectory = "\(directory)/mariadb-init"
        try? FileManager.default.createDirectory(atPath: initDirectory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: "\(initDirectory)/init.sql", contents: Data(sql.utf8), attributes: [.posixPermissions: 0o600])
        identity?.own("\(initDirectory)/init.sql")
        mounts.append(SandboxMount(source: initDirectory, target: "/run/filewallball-dev/init", readOnly: true))
        local.arguments.append("--init-file=/run/filewallball-dev/init/init.sql")
    }

    /// The termination message: the file's content (at most 4096 bytes), or with
    /// `FallbackToLogsOnError` and a failure, the log's last 80 lines (at most 2048 bytes).
    private func terminationMessage(_ container: Container, exitCode: Int32) -> String? {
        let containerName = container.name ?? "?"
        if let data = FileManager.default.contents(atPath: "\(directory)/termination/\(containerName)"), !data.isEmpty {
            return String(decoding: data.prefix(4096), as: UTF8.self)
        }
        guard exitCode != 0, container.terminationMessagePolicy == "FallbackToLogsOnError",
              let log = FileManager.default.contents(atPath: PodWorker.logFile(directory: directory, container: containerName, previous: false)) else { return nil }
        let lines = String(decoding: log.suffix(16_384), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).suffix(80)
        return String(lines.joined(separator: "\n").utf8.suffix(2048)).map { String($0) }
    }

    // MARK: Probes

    private func probe(_ container: Container, command: LocalCommand, mounts: [SandboxMount], process: LocalProcess) async {
        let containerName = container.name ?? "?"
        var namedPorts: [String: Int] = [:]
        for port in container.ports { if let portName = port.name, let number = port.containerPort { namedPorts[portName] = number } }
        let ports = namedPorts
        let sandbox = sandbox(mounts: mounts, workingDirectory: container.workingDir)
        let environment = command.environment
        let identity = ContainerIdentity.of(container, in: pod, runtimeIsRoot: context.catalog.runsAsRoot)
        let asUser = identity.flatMap { identity in context.catalog.locate("setpriv").map { identity.prefix(setpriv: $0) } } ?? []
        let exec: @Sendable ([String], Duration) async -> Int32? = { argv, timeout in
            guard let probeProcess = try? LocalProcess(arguments: sandbox.commandLine(asUser + argv), environment: environment, logFile: "/dev/null") else { return 127 }
            let killer = Task {
                try await Task.sleep(for: timeout)
                probeProcess.signalGroup(SIGKILL)
            }
            let status = await probeProcess.waitForExit()
            let timedOut = killer.isCancelled == false && status == 128 + SIGKILL
            killer.cancel()
            return timedOut ? nil : status
        }
        let readiness = container.readinessProbe
        let liveness = container.livenessProbe
        if readiness == nil { markReady(containerName, true) }
        let podIP = self.podIP
        await withTaskGroup(of: Void.self) { group in
            if let readiness {
                group.addTask {
                    await Self.loop(readiness, eager: true) { success, _ in await self.markReady(containerName, success) } check: {
                        await ProbeCheck.run(readiness, podIP: podIP, ports: ports, exec: exec)
                    }
                }
            }
            if let liveness {
                group.addTask {
                    await Self.loop(liveness, eager: false) { success, message in
                        guard !success else { return }
                        await self.livenessFailed(containerName, message: message, process: process)
                    } check: {
                        await ProbeCheck.run(liveness, podIP: podIP, ports: ports, exec: exec)
                    }
                }
            }
        }
    }

    /// Runs a probe every `periodSeconds` after `initialDelaySeconds`; reports a change of state only after
    /// `successThreshold` / `failureThreshold` consecutive results, like the kubelet.
    private static func loop(_ probe: Probe, eager: Bool, report: @escaping @Sendable (Bool, String) async -> Void, check: @escaping @Sendable () async -> ProbeCheck.Outcome) async {
        let period = Duration.seconds(max(1, probe.periodSeconds ?? 10))
        let successThreshold = max(1, probe.successThreshold ?? 1)
        let failureThreshold = max(1, probe.failureThreshold ?? 3)
        try? await Task.sleep(for: .seconds(probe.initialDelaySeconds ?? 0))
        var state: Bool?
        var successes = 0
        var failures = 0
        while !Task.isCancelled {
            let outcome = await check()
            if outcome.success {
                successes += 1
                failures = 0
                if state != true, successes >= successThreshold || state == nil {
                    state = true
                    await report(true, "")
                }
            } else {
                failures += 1
                successes = 0
                if state != false, failures >= failureThreshold {
                    state = false
                    await report(false, outcome.message)
                }
            }
            // A readiness probe runs quickly until its first success (the kubelet probes at the period, but
            // a fresh Pod that is ready within a second should not wait a whole period to say so).
            let wait = eager && state != true ? min(period, .milliseconds(500)) : period
            try? await Task.sleep(for: wait)
        }
    }

    private func markReady(_ containerName: String, _ ready: Bool) {
        guard records[containerName]?.isRunning == true, records[containerName]?.ready != ready else { return }
        update(containerName) { $0.ready = ready }
        // The first ready start of MariaDB completed the image's initialization.
        if ready { markMariaDBInitialized(containerName) }
    }

    private func markMariaDBInitialized(_ containerName: String) {
        guard let container = pod.spec.containers.first(where: { $0.name == containerName }),
              LocalImage(reference: container.image ?? "") == .mariadb,
              let volumeName = container.volumeMounts.first(where: { $0.mountPath == "/var/lib/mysql" })?.name else { return }
        guard let claimVolume = pod.spec.volumes.first(where: { $0.name == volumeName }), let claim = claimVolume.claimName,
              case .some(.some(let volume)) = context.claim(namespace, claim) else { return }
        let marker = "\(context.layout.volumes)/\(volume)/\(MariaDBEntrypoint.initializedMarker)"
        if !FileManager.default.fileExists(atPath: marker) { FileManager.default.createFile(atPath: marker, contents: Data()) }
    }

    private func livenessFailed(_ containerName: String, message: String, process: LocalProcess) {
        logger.warning("liveness probe failed; restarting the container", metadata: ["container": "\(containerName)", "message": "\(message)"])
        process.signalGroup(SIGKILL)
    }

    // MARK: Status

    private func update(_ containerName: String, _ change: (inout ContainerRecord) -> Void) {
        guard var record = records[containerName] else { return }
        change(&record)
        records[containerName] = record
        markDirty()
    }

    private func markDirty() {
        dirty = true
        guard !writing else { return }
        writing = true
        Task { await self.writeStatus() }
    }

    private func writeStatus() async {
        while dirty, !stopping {
            dirty = false
            let status = statusObject()
            var object = Pod(object: [:])
            object.object["metadata"] = .object(["name": .string(name), "namespace": .string(namespace)])
            object.object["status"] = .object(status)
            do {
                _ = try await context.client.resource(Pod.self).applyStatus(object, fieldManager: KubeletContext.fieldManager, force: true)
                hasWrittenStatus = true
            } catch let error as KubeAPIError where error.kind == .notFound {
                break
            } catch {
                logger.warning("pod status write failed; retrying", metadata: ["error": "\(error)"])
                dirty = true
                try? await Task.sleep(for: .seconds(1))
            }
        }
        writing = false
    }

    private func statusObject() -> JSONObject {
        let list = order.compactMap { records[$0] }
        let allReady = !list.isEmpty && list.allSatisfy(\.ready)
        let allStarted = list.allSatisfy(\.hasStarted)
        let phase: String
        if finished || list.allSatisfy({ $0.termination != nil }) && !list.isEmpty {
            phase = list.allSatisfy({ $0.termination?.exitCode == 0 }) ? "Succeeded" : "Failed"
        } else if allStarted {
            phase = "Running"
        } else {
            phase = "Pending"
        }
        if allReady != lastReady {
            lastReady = allReady
            readyChangedAt = Date()
        }
        let started = KubeTime.format(startTime)
        let readyChanged = KubeTime.format(readyChangedAt)
        func condition(_ type: String, _ value: Bool, reason: String? = nil) -> JSONValue {
            let changed = type == "Ready" || type == "ContainersReady" ? readyChanged : started
            var object: JSONObject = ["type": .string(type), "status": .string(value ? "True" : "False"), "lastProbeTime": .null,
                                      "lastTransitionTime": .string(changed)]
            if let reason, !value { object["reason"] = .string(reason) }
            return .object(object)
        }
        let completed = phase == "Succeeded" || phase == "Failed"
        let readyReason = completed ? "PodCompleted" : "ContainersNotReady"
        return [
            "phase": .string(phase),
            "hostIP": .string("127.0.0.1"), "hostIPs": .array([.object(["ip": .string("127.0.0.1")])]),
            "podIP": .string(podIP), "podIPs": .array([.object(["ip": .string(podIP)])]),
            "startTime": .string(started),
            "qosClass": .string("Burstable"),
            "conditions": .array([
                condition("PodScheduled", true), condition("Initialized", true),
                condition("ContainersReady", allReady, reason: readyReason), condition("Ready", allReady, reason: readyReason),
            ]),
            "containerStatuses": .array(list.map(\.json)),
        ]
    }
}
