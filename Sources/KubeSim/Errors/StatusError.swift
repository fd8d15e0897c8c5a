import Foundation

/// A Kubernetes API error that is answered as a `Status` body with the matching HTTP code.
public struct StatusError: Error, Sendable, CustomStringConvertible {
    /// HTTP status code (also `Status.code`).
    public var code: Int
    /// Machine reason such as `NotFound` or `Conflict` (stable machine code).
    public var reason: String
    /// Human message, formatted like kube-apiserver's.
    public var message: String
    /// `details` member of the Status (name, group, kind, causes).
    public var details: JSONValue?

    /// Creates an error.
    public init(code: Int, reason: String, message: String, details: JSONValue? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
    }

    /// Description for logs.
    public var description: String { "\(code) \(reason): \(message)" }

    /// The `Status` object for this error.
    public var status: JSONValue {
        var s: JSONValue = [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
            "message": .string(message), "reason": .string(reason), "code": .int(Int64(code)),
        ]
        if let details { s["details"] = details }
        return s
    }

    private static func details(_ type: ResourceType?, _ name: String?) -> JSONValue {
        var d: JSONValue = [:]
        if let name { d["name"] = .string(name) }
        if let type {
            if !type.group.isEmpty { d["group"] = .string(type.group) }
            d["kind"] = .string(type.plural)
        }
        return d
    }

    /// 404 NotFound for an object.
    public static func notFound(_ type: ResourceType, _ name: String) -> StatusError {
        StatusError(code: 404, reason: "NotFound", message: "\(type.qualifiedPlural) \"\(name)\" not found",
            details: details(type, name))
    }

    /// 404 NotFound for a namespace.
    public static func namespaceNotFound(_ name: String) -> StatusError {
        StatusError(code: 404, reason: "NotFound", message: "namespaces \"\(name)\" not found",
            details: ["name": .string(name), "kind": "namespaces"])
    }

    /// 404 for an unknown path.
    public static func pathNotFound(_ path: String) -> StatusError {
        StatusError(code: 404, reason: "NotFound", message: "the server could not find the requested resource",
            details: ["causes": [["reason": "UnexpectedServerResponse", "message": .string("404 page not found: \(path)")]]])
    }

    /// 409 AlreadyExists.
    public static func alreadyExists(_ type: ResourceType, _ name: String) -> StatusError {
        StatusError(code: 409, reason: "AlreadyExists", message: "\(type.qualifiedPlural) \"\(name)\" already exists",
            details: details(type, name))
    }

    /// 409 Conflict for a stale resourceVersion.
    public static func conflict(_ type: ResourceType, _ name: String) -> StatusError {
        StatusError(code: 409, reason: "Conflict",
            message: "Operation cannot be fulfilled on \(type.qualifiedPlural) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again",
            details: details(type, name))
    }

    /// 409 Conflict with a custom message.
    public static func conflict(_ type: ResourceType, _ name: String, message: String, causes: [JSONValue] = []) -> StatusError {
        var d = details(type, name)
        if !causes.isEmpty { d["causes"] = .array(causes) }
        return StatusError(code: 409, reason: "Conflict", message: message, details: d)
    }

    /// One field error for 422 responses.
    public struct FieldCause: Sendable {
        /// Field path such as `spec.color`.
        public var field: String
        /// Cause reason such as `FieldValueInvalid`.
        public var reason: String
        /// Message without the field prefix.
        public var message: String
        /// Creates a cause.
        public init(field: String, reason: String, message: String) {
            self.field = field
            self.reason = reason
            self.message = message
        }
    }

    /// 422 Invalid with field causes.
    public static func invalid(_ type: ResourceType, _ name: String, causes: [FieldCause]) -> StatusError {
        let joined = causes.map { "\($0.field): \($0.message)" }
        let text = joined.count == 1 ? joined[0] : "[" + joined.joined(separator: ", ") + "]"
        var d = details(type, name)
        d["kind"] = .string(type.kind)
        d["causes"] = .array(causes.map { ["reason": .string($0.reason), "message": .string($0.message), "field": .string($0.field)] })
        return StatusError(code: 422, reason: "Invalid", message: "\(type.qualifiedKind) \"\(name)\" is invalid: \(text)", details: d)
    }

    /// 400 BadRequest.
    public static func badRequest(_ message: String) -> StatusError {
        StatusError(code: 400, reason: "BadRequest", message: message)
    }

    /// 410 Expired.
    public static func expired(_ message: String) -> StatusError {
        StatusError(code: 410, reason: "Expired", message: message)
    }

    /// 405 MethodNotAllowed.
    public static func methodNotAllowed(_ message: String = "the server does not allow this method on the requested resource") -> StatusError {
        StatusError(code: 405, reason: "MethodNotAllowed", message: message)
    }

    /// 415 UnsupportedMediaType.
    public static func unsupportedMediaType(_ contentType: String) -> StatusError {
        StatusError(code: 415, reason: "UnsupportedMediaType", message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got \(contentType))")
    }

    /// 403 Forbidden.
    public static func forbidden(_ type: ResourceType, _ name: String, _ message: String) -> StatusError {
        StatusError(code: 403, reason: "Forbidden", message: message, details: details(type, name))
    }

    /// 401 Unauthorized.
    public static let unauthorized = StatusError(code: 401, reason: "Unauthorized", message: "Unauthorized")
}
