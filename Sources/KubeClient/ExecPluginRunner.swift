import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `status` of an ExecCredential printed by a plugin.
struct ExecCredential: Sendable, Equatable {
    var token: String?
    var clientCertificatePEM: [UInt8]?
    var clientKeyPEM: [UInt8]?
    var expiration: Date?

    /// Expired credentials are refreshed; a credential without expiry is cached until a 401.
    func isExpired(at now: Date) -> Bool {
        guard let expiration else { return false }
        return expiration <= now
    }

    static func parse(_ bytes: [UInt8]) throws -> ExecCredential {
        guard let root = try? JSONParser.parse(bytes).objectValue, root.string("kind") == "ExecCredential" else {
            throw KubeConfigError(code: "exec_plugin_bad_output", detail: "output is not an ExecCredential")
        }
        let status = root.objectMember("status")
        let credential = ExecCredential(
            token: status.string("token"),
            clientCertificatePEM: status.string("clientCertificateData").map { Array($0.utf8) },
            clientKeyPEM: status.string("clientKeyData").map { Array($0.utf8) },
            expiration: status.string("expirationTimestamp").flatMap(KubeTime.parse))
        guard credential.token != nil || (credential.clientCertificatePEM != nil && credential.clientKeyPEM != nil) else {
            throw KubeConfigError(code: "exec_plugin_no_credential", detail: "status has neither token nor client certificate")
        }
        return credential
    }
}

/// Runs an exec credential plugin on a dedicated thread (never on the cooperative pool).
struct ExecPluginRunner: Sendable {
    /// The cluster described to plugins that set `provideClusterInfo`.
    struct ClusterInfo: Sendable {
        var server: String
        var certificateAuthorityPEM: [UInt8]?
        var insecureSkipTLSVerify: Bool
    }

    /// A plugin still running after this long is killed.
    var timeout: Duration = .seconds(60)

    func run(_ config: ExecConfig, cluster: ClusterInfo) async throws -> ExecCredential {
        let timeout = self.timeout
        let output: [UInt8] = try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(returning: try Self.runBlocking(config, cluster: cluster, timeout: timeout))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "kubeclient-exec"
            thread.start()
        }
        return try ExecCredential.parse(output)
    }

    static func execInfo(_ config: ExecConfig, cluster: ClusterInfo) -> String {
        var spec: JSONObject = ["interactive": false]
        if config.provideClusterInfo == true {
            var info: JSONObject = ["server": .string(cluster.server)]
            if let ca = cluster.certificateAuthorityPEM {
                info["certificate-authority-data"] = .string(Data(ca).base64EncodedString())
            }
            if cluster.insecureSkipTLSVerify { info["insecure-skip-tls-verify"] = true }
            spec["cluster"] = .object(info)
        }
        let root: JSONObject = [
            "apiVersion": .string(config.apiVersion ?? "client.authentication.k8s.io/v1"),
            "kind": "ExecCredential", "spec": .object(spec),
        ]
        return JSONWriter.string(.object(root))
    }

    private static func runBlocking(_ config: ExecConfig, cluster: ClusterInfo, timeout: Duration) throws -> [UInt8] {
        let process = Process()
        if config.command.contains("/") {
            process.executableURL = URL(fileURLWithPath: config.command)
            process.arguments = config.args ?? []
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [config.command] + (config.args ?? [])
        }
        var environment = ProcessInfo.processInfo.environment
        for variable in config.env ?? [] { environment[variable.name] = variable.value }
        environment["KUBERNETES_EXEC_INFO"] = execInfo(config, cluster: cluster)
        process.environment = environment
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw KubeConfigError(code: "exec_plugin_not_runnable", detail: "\(config.command): \(config.installHint ?? "not found")")
        }
        let output = try readOutput(stdout.fileHandleForReading.fileDescriptor, pid: process.processIdentifier, timeout: timeout, command: config.command)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw KubeConfigError(code: "exec_plugin_failed", detail: "\(config.command) exited with \(process.terminationStatus)")
        }
        return output
    }

    /// Reads the plugin's stdout until EOF, killing the plugin if the deadline passes first (a grandchild
    /// holding the pipe open cannot stall us either).
    private static func readOutput(_ fd: Int32, pid: Int32, timeout: Duration, command: String) throws -> [UInt8] {
        let deadline = ContinuousClock.now + timeout
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let remaining = deadline - ContinuousClock.now
            if remaining <= .zero {
                kill(pid, SIGKILL)
                throw KubeConfigError(code: "exec_plugin_timeout", detail: "\(command) did not finish in time")
            }
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining.milliseconds, 1000)))
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0 { continue }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            // A signal (Foundation reaps children on SIGCHLD) interrupts read as well as poll: retry, or
            // the plugin's output would be cut short and refused as "not an ExecCredential".
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if count <= 0 { break }
            output.append(contentsOf: buffer[0..<count])
        }
        return output
    }
}
