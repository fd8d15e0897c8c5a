import Foundation
import Synchronization

/// One request KubeSim served, in Kubernetes authorization terms (like an audit event's user and attributes).
public struct RequestRecord: Sendable, Equatable {
    /// Authenticated user name (`system:anonymous` without credentials).
    public var user: String
    /// Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection (lower-case HTTP
    /// method for non-resource requests).
    public var verb: String
    /// API group ("" for core); empty for non-resource requests.
    public var apiGroup: String
    /// API version; empty for non-resource requests.
    public var apiVersion: String
    /// Resource (plural); empty for non-resource requests.
    public var resource: String
    /// Subresource such as `status` or `scale`; empty when none.
    public var subresource: String
    /// Namespace; empty for cluster-scoped and non-resource requests.
    public var namespace: String
    /// Object name; empty for collection requests.
    public var name: String
    /// Request path (the non-resource URL for non-resource requests).
    public var path: String
    /// True for resource requests (`/api/...`, `/apis/G/V/...` naming a resource).
    public var isResourceRequest: Bool
    /// HTTP response status code.
    public var code: Int

    /// The JSON form served by `GET /kubesim/requests`.
    public var json: JSONValue {
        ["user": .string(user), "verb": .string(verb), "apiGroup": .string(apiGroup), "apiVersion": .string(apiVersion),
            "resource": .string(resource), "subresource": .string(subresource), "namespace": .string(namespace),
            "name": .string(name), "path": .string(path), "resourceRequest": .bool(isResourceRequest), "code": .int(Int64(code))]
    }
}

/// A bounded in-memory log of served requests (a ring buffer; the oldest entries are dropped and counted).
public final class RequestLog: Sendable {
    private struct Ring {
        var items: [RequestRecord] = []
        var start = 0
        var dropped: Int64 = 0
    }

    /// Maximum number of entries kept.
    public let capacity: Int
    private let state = Mutex(Ring())

    /// Creates a log keeping at most `capacity` entries (at least 1).
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Appends a record, dropping the oldest one when full.
    public func append(_ record: RequestRecord) {
        state.withLock { ring in
            if ring.items.count < capacity {
                ring.items.append(record)
            } else {
                ring.items[ring.start] = record
                ring.start = (ring.start + 1) % capacity
                ring.dropped += 1
            }
        }
    }

    /// The retained records, oldest first.
    public func entries() -> [RequestRecord] {
        state.withLock { ring in Array(ring.items[ring.start...] + ring.items[..<ring.start]) }
    }

    /// How many records were dropped because the log was full (since start or the last `clear`).
    public var dropped: Int64 { state.withLock { $0.dropped } }

    /// Removes every record and resets the dropped counter.
    public func clear() {
        state.withLock { $0 = Ring() }
    }
}
