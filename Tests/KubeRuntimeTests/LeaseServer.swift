import TestSupport
import Foundation
import Synchronization
@testable import KubeClient

/// Just enough of the Lease API (GET/POST/PUT with resourceVersion conflicts) for leader-election tests.
final class LeaseServer: Sendable {
    private struct State {
        var object: JSONObject?
        var version = 100
        var writes: [String] = []
        var broken = false
        var hangSeconds: Double = 0
        var lastWriteAt: ContinuousClock.Instant?
    }
    private final class Box: Sendable {
        let state = Mutex(State())
    }
    private let box = Box()
    let server: ScriptedHTTPServer

    init() throws {
        let box = self.box
        server = try ScriptedHTTPServer { request, connection in
            let hang = box.state.withLock { $0.hangSeconds }
            if hang > 0 { Thread.sleep(forTimeInterval: hang) }
            let reply: (Int, String) = box.state.withLock { state in
                if state.broken { return (500, #"{"kind":"Status","code":500,"reason":"InternalError","message":"etcd unavailable"}"#) }
                switch request.method {
                case "GET":
                    guard let object = state.object else {
                        return (404, #"{"kind":"Status","code":404,"reason":"NotFound","message":"leases not found"}"#)
                    }
                    return (200, JSONWriter.string(.object(object)))
                case "POST":
                    guard state.object == nil else { return (409, #"{"kind":"Status","code":409,"reason":"AlreadyExists","message":"exists"}"#) }
                    return (201, Self.store(request.body, in: &state))
                case "PUT":
                    guard let current = state.object,
                        let body = try? JSONParser.parse(request.body).objectValue,
                        body.objectMember("metadata").string("resourceVersion") == current.objectMember("metadata").string("resourceVersion")
                    else {
                        return (409, #"{"kind":"Status","code":409,"reason":"Conflict","message":"the object has been modified"}"#)
                    }
                    return (200, Self.store(request.body, in: &state))
                default:
                    return (405, #"{"kind":"Status","code":405,"reason":"MethodNotAllowed","message":"no"}"#)
                }
            }
            connection.respond(status: reply.0, body: reply.1)
        }
    }

    private static func store(_ body: [UInt8], in state: inout State) -> String {
        var object = (try? JSONParser.parse(body).objectValue) ?? [:]
        state.version += 1
        var metadata = object.objectMember("metadata")
        metadata.set("resourceVersion", String(state.version))
        object["metadata"] = .object(metadata)
        state.writes.append(object.objectMember("spec").string("holderIdentity") ?? "")
        state.object = object
        state.lastWriteAt = ContinuousClock.now
        return JSONWriter.string(.object(object))
    }

    /// Makes every request stall before answering (a hung API server).
    func hang(seconds: Double) { box.state.withLock { $0.hangSeconds = seconds } }

    /// Makes every request fail with 500 (an unreachable or broken API server).
    func breakServer() { box.state.withLock { $0.broken = true } }

    /// When the last create or update was stored (before its answer left): a renewal the client saw
    /// succeed happened no earlier than this.
    var lastWriteAt: ContinuousClock.Instant? { box.state.withLock { $0.lastWriteAt } }

    var holder: String? { box.state.withLock { $0.object?.objectMember("spec").string("holderIdentity") } }
    var transitions: Int? { box.state.withLock { $0.object?.objectMember("spec").int("leaseTransitions") } }
    var leaseDurationSeconds: Int? { box.state.withLock { $0.object?.objectMember("spec").int("leaseDurationSeconds") } }
}
