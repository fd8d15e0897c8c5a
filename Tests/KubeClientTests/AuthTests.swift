import TestSupport
import Foundation
import Testing
import Synchronization
@testable import KubeClient

@Suite struct AuthTests {
    func echoServer() throws -> ScriptedHTTPServer {
        try ScriptedHTTPServer { request, connection in
            if request.headers["authorization"] == "Bearer revoked" {
                connection.respond(status: 401, body: statusJSON(code: 401, reason: "Unauthorized", message: "Unauthorized"))
            } else {
                connection.respond(status: 200, body: configMapJSON(name: "x", rv: "1"))
            }
        }
    }

    @Test func tokenFileIsReReadWhenItChanges() async throws {
        let folder = try makeTempFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("first\n", to: folder + "/token")
        let server = try echoServer()
        defer { server.stop() }
        let configMaps = makeClient(server, credentials: .tokenFile(folder + "/token")).resource(ConfigMap.self)
        _ = try await configMaps.get("x")
        try write("second-token", to: folder + "/token")
        _ = try await configMaps.get("x")
        #expect(server.requests.map { $0.headers["authorization"] ?? "" } == ["Bearer first", "Bearer second-token"])
    }

    /// A shell-script plugin that counts its runs and prints a token with the given expiry.
    func plugin(folder: String, expiry: String, token: String = "exec-token") throws -> ExecConfig {
        let script = """
            #!/bin/sh
            n=$(cat "\(folder)/count" 2>/dev/null || echo 0)
            n=$((n+1))
            echo $n > "\(folder)/count"
            test -n "$KUBERNETES_EXEC_INFO" || exit 3
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s-%s","expirationTimestamp":"\(expiry)"}}' "\(token)" "$n"
            """
        try write(script, to: folder + "/plugin.sh")
        chmod(folder + "/plugin.sh", 0o755)
        return ExecConfig(command: folder + "/plugin.sh", env: [ExecConfig.EnvVar(name: "UNUSED", value: "1")])
    }

    @Test func expiredExecCredentialIsRefreshedEachTime() async throws {
        let folder = try makeTempFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try echoServer()
        defer { server.stop() }
        let exec = try plugin(folder: folder, expiry: "2001-01-01T00:00:00Z")
        let configMaps = makeClient(server, credentials: .exec(exec)).resource(ConfigMap.self)
        _ = try await configMaps.get("x")
        _ = try await configMaps.get("x")
        #expect(server.requests.map { $0.headers["authorization"] ?? "" } == ["Bearer exec-token-1", "Bearer exec-token-2"])
    }

    @Test func validExecCredentialIsCachedUntilExpiry() async throws {
        let folder = try makeTempFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try echoServer()
        defer { server.stop() }
        let clock = ManualKubeClock(wallOrigin: try #require(KubeTime.parse("2030-01-01T00:00:00Z")))
        let exec = try plugin(folder: folder, expiry: "2030-01-01T00:10:00Z")
        let configMaps = makeClient(server, credentials: .exec(exec), clock: clock).resource(ConfigMap.self)
        _ = try await configMaps.get("x")
        _ = try await configMaps.get("x")
        clock.advance(by: .seconds(601))
        _ = try await configMaps.get("x")
        #expect(server.requests.map { $0.headers["authorization"] ?? "" } == ["Bearer exec-token-1", "Bearer exec-token-1", "Bearer exec-token-2"])
    }

    @Test func unauthorizedTriggersOneExecRefresh() async throws {
        let folder = try makeTempFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ScriptedHTTPServer { request, connection in
            if request.headers["authorization"] == "Bearer exec-token-1" {
                connection.respond(status: 401, body: statusJSON(code: 401, reason: "Unauthorized", message: "Unauthorized"))
            } else {
                connection.respond(status: 200, body: configMapJSON(name: "x", rv: "1"))
            }
        }
        defer { server.stop() }
        let exec = try plugin(folder: folder, expiry: "2999-01-01T00:00:00Z")
        let config = try await makeClient(server, credentials: .exec(exec)).resource(ConfigMap.self).get("x")
        #expect(config.name == "x")
        #expect(server.requests.count == 2)
    }

    @Test func failingPluginIsATypedConfigError() async throws {
        let server = try echoServer()
        defer { server.stop() }
        let configMaps = makeClient(server, credentials: .exec(ExecConfig(command: "/bin/false"))).resource(ConfigMap.self)
        await #expect(throws: KubeConfigError.self) { _ = try await configMaps.get("x") }
    }
}

@Suite struct ExecConcurrencyTests {
    @Test func concurrentRequestsShareOnePluginRun() async throws {
        let folder = try makeTempFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ScriptedHTTPServer { _, connection in connection.respond(status: 200, body: configMapJSON(name: "x", rv: "1")) }
        defer { server.stop() }
        let exec = try AuthTests().plugin(folder: folder, expiry: "2999-01-01T00:00:00Z")
        let configMaps = makeClient(server, credentials: .exec(exec)).resource(ConfigMap.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { _ = try await configMaps.get("x") } }
            try await group.waitForAll()
        }
        let runs = try String(contentsOfFile: folder + "/count", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(runs == "1")
        #expect(Set(server.requests.map { $0.headers["authorization"] ?? "" }) == ["Bearer exec-token-1"])
    }
}

@Suite struct ExecInfoTests {
    @Test func clusterInfoIsPassedOnlyWhenRequested() throws {
        var config = ExecConfig(command: "plugin")
        let cluster = ExecPluginRunner.ClusterInfo(server: "https://k8s.example", certificateAuthorityPEM: Array("CA".utf8), insecureSkipTLSVerify: false)
        let plain = try JSONParser.parse(ExecPluginRunner.execInfo(config, cluster: cluster))
        #expect(plain["spec"]?["interactive"] == false)
        #expect(plain["spec"]?["cluster"] == nil)
        config.provideClusterInfo = true
        let withCluster = try JSONParser.parse(ExecPluginRunner.execInfo(config, cluster: cluster))
        #expect(withCluster["spec"]?["cluster"]?["server"]?.stringValue == "https://k8s.example")
        #expect(withCluster["spec"]?["cluster"]?["certificate-authority-data"]?.stringValue == "Q0E=")
        #expect(withCluster["kind"]?.stringValue == "ExecCredential")
    }

    @Test func hangingPluginIsKilledAfterTheTimeout() async throws {
        let folder = try makeTempFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("#!/bin/sh\nsleep 30\n", to: folder + "/hang.sh")
        chmod(folder + "/hang.sh", 0o755)
        let runner = ExecPluginRunner(timeout: .milliseconds(300))
        let started = ContinuousClock.now
        await #expect(throws: KubeConfigError.self) {
            _ = try await runner.run(ExecConfig(command: folder + "/hang.sh"), cluster: .init(server: "https://x", certificateAuthorityPEM: nil, insecureSkipTLSVerify: false))
        }
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}
