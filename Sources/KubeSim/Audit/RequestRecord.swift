import Foundation

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
