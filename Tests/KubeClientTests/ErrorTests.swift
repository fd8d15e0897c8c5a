import TestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import Synchronization
@testable import KubeClient

@Suite struct ErrorTests {
    func failing(_ status: Int, _ body: String, headers: [String: String] = [:]) async throws -> KubeAPIError {
        let server = try ScriptedHTTPServer { _, connection in connection.respond(status: status, headers: headers, body: body) }
        defer { server.stop() }
        let client = KubeClient(configuration: ClientConfiguration(server: server.baseURL), maxRetryAfterAttempts: 0)
        do {
            _ = try await client.resource(ConfigMap.self).get("x")
        } catch let error as KubeAPIError {
            return error
        }
        Issue.record("request did not fail")
        return KubeAPIError(kind: .other, code: 0, reason: "", message: "")
    }

    @Test func decodesStatusBodies() async throws {
        #expect(try await failing(404, statusJSON(code: 404, reason: "NotFound", message: #"configmaps \"x\" not found"#)).kind == .notFound)
        #expect(try await failing(409, statusJSON(code: 409, reason: "AlreadyExists", message: "exists")).kind == .alreadyExists)
        let conflict = try await failing(409, statusJSON(code: 409, reason: "Conflict", message: "Operation cannot be fulfilled"))
        #expect(conflict.kind == .conflict)
        #expect(conflict.machineCode == "kube_api_Conflict")
        let invalid = try await failing(422, statusJSON(code: 422, reason: "Invalid", message: "bad", details: #"{"causes":[{"reason":"FieldValueInvalid","message":"must be positive","field":"spec.replicas"}]}"#))
        #expect(invalid.kind == .invalid)
        #expect(invalid.causes == [KubeAPIError.Cause(reason: "FieldValueInvalid", message: "must be positive", field: "spec.replicas")])
        #expect(try await failing(410, statusJSON(code: 410, reason: "Expired", message: "too old")).isResourceExpired)
        #expect(try await failing(403, statusJSON(code: 403, reason: "Forbidden", message: "no")).kind == .forbidden)
        #expect(try await failing(401, #"{"kind":"Status","code":401,"reason":"Unauthorized","message":"Unauthorized"}"#).kind == .unauthorized)
        let server = try await failing(500, "not json at all")
        #expect(server.kind == .serverError)
        #expect(server.isRetryable)
        let throttled = try await failing(429, statusJSON(code: 429, reason: "TooManyRequests", message: "slow down"), headers: ["Retry-After": "7"])
        #expect(throttled.kind == .tooManyRequests)
        #expect(throttled.retryAfterSeconds == 7)
    }

    @Test func honoursRetryAfterThenSucceeds() async throws {
        let calls = Atomic<Int>(0)
        let server = try ScriptedHTTPServer { _, connection in
            if calls.add(1, ordering: .relaxed).newValue == 1 {
                connection.respond(status: 429, headers: ["Retry-After": "3"], body: statusJSON(code: 429, reason: "TooManyRequests", message: "wait"))
            } else {
                connection.respond(status: 200, body: configMapJSON(name: "x", rv: "1"))
            }
        }
        defer { server.stop() }
        let clock = ManualKubeClock()
        let client = makeClient(server, clock: clock)
        async let result = client.resource(ConfigMap.self).get("x")
        try #require(await pollUntil { clock.sleeperCount > 0 })
        clock.advance(by: .seconds(2))
        #expect(calls.load(ordering: .relaxed) == 1)
        clock.advance(by: .seconds(1))
        let config = try await result
        #expect(config.name == "x")
        #expect(calls.load(ordering: .relaxed) == 2)
    }

    @Test func transportErrorsAreDistinct() async throws {
        // A bound but never listening socket: connections are refused, and no parallel test can take the port.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        #expect(bound == 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let client = KubeClient(configuration: ClientConfiguration(server: "http://127.0.0.1:\(port)"))
        do {
            _ = try await client.resource(ConfigMap.self).get("x")
            Issue.record("expected a transport error")
        } catch let error as KubeTransportError {
            #expect(error.kind == .connectFailed)
            #expect(error.machineCode == "kube_transport_connect_failed")
        }
    }

    @Test func slowServerTripsTheTimeout() async throws {
        let server = try ScriptedHTTPServer { _, _ in Thread.sleep(forTimeInterval: 3) }
        defer { server.stop() }
        let client = makeClient(server, requestTimeout: .milliseconds(700))
        let started = ContinuousClock.now
        do {
            _ = try await client.resource(ConfigMap.self).get("x")
            Issue.record("expected a timeout")
        } catch let error as KubeTransportError {
            #expect(error.kind == .timedOut)
        }
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test func cancellationAbortsTheTransfer() async throws {
        let arrived = Atomic<Int>(0)
        let server = try ScriptedHTTPServer { _, _ in
            arrived.add(1, ordering: .relaxed)
            Thread.sleep(forTimeInterval: 3)
        }
        defer { server.stop() }
        let client = makeClient(server)
        let task = Task { try await client.resource(ConfigMap.self).get("x") }
        // Cancel once the request is in flight (the server has it and stalls).
        try #require(await pollUntil { arrived.load(ordering: .relaxed) == 1 })
        let started = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(ContinuousClock.now - started < .seconds(1))
    }
}
