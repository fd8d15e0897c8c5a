import Foundation

/// An error answered by the API server, decoded from its `Status` body.
public struct KubeAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The category of failure, derived from the reason and HTTP code.
    public enum Kind: String, Sendable {
        /// 404 NotFound.
        case notFound = "NotFound"
        /// 409 AlreadyExists (create of an existing name).
        case alreadyExists = "AlreadyExists"
        /// 409 Conflict (stale resourceVersion or failed precondition).
        case conflict = "Conflict"
        /// 422 Invalid, with field causes.
        case invalid = "Invalid"
        /// 410 Gone.
        case gone = "Gone"
        /// 410 Expired (too old resourceVersion).
        case expired = "Expired"
        /// 403 Forbidden.
        case forbidden = "Forbidden"
        /// 401 Unauthorized.
        case unauthorized = "Unauthorized"
        /// 429 TooManyRequests (see retryAfterSeconds).
        case tooManyRequests = "TooManyRequests"
        /// 400 BadRequest.
        case badRequest = "BadRequest"
        /// 405 MethodNotAllowed.
        case methodNotAllowed = "MethodNotAllowed"
        /// 415 UnsupportedMediaType.
        case unsupportedMediaType = "UnsupportedMediaType"
        /// 504 / server-side timeout.
        case timeout = "Timeout"
        /// Other 5xx.
        case serverError = "InternalError"
        /// 503 ServiceUnavailable.
        case serviceUnavailable = "ServiceUnavailable"
        /// Anything else.
        case other = "Unknown"
    }

    /// One field-level cause of an `Invalid` error.
    public struct Cause: Sendable, Equatable {
        /// Machine reason such as `FieldValueInvalid`.
        public var reason: String?
        /// Human-readable message.
        public var message: String?
        /// The field path such as `spec.replicas`.
        public var field: String?
    }

    /// The error category.
    public var kind: Kind
    /// The HTTP status code.
    public var code: Int
    /// The server's `reason` string.
    public var reason: String
    /// The server's message.
    public var message: String
    /// Field causes (for Invalid).
    public var causes: [Cause]
    /// Seconds the client should wait before retrying (Retry-After or details.retryAfterSeconds).
    public var retryAfterSeconds: Int?

    /// Stable machine code, safe as a metric label.
    public var machineCode: String { "kube_api_\(kind.rawValue)" }

    /// Readable summary in kubectl's style.
    public var description: String { "Error from server (\(reason)): \(message)" }

    /// True for 410 Gone / Expired: a watch or list must restart from a fresh list.
    public var isResourceExpired: Bool { code == 410 || kind == .expired || kind == .gone }

    /// True when a retry of the same request may succeed.
    public var isRetryable: Bool {
        switch kind {
        case .tooManyRequests, .serverError, .serviceUnavailable, .timeout: return true
        default: return code >= 500
        }
    }

    /// Creates an error from its parts.
    public init(kind: Kind, code: Int, reason: String, message: String, causes: [Cause] = [], retryAfterSeconds: Int? = nil) {
        self.kind = kind
        self.code = code
        self.reason = reason
        self.message = message
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Decodes a `Status` object; falls back to the HTTP code when the body is not a Status.
    public static func from(httpStatus: Int, body: [UInt8], retryAfterHeader: String?) -> KubeAPIError {
        let status = (try? JSONParser.parse(body))?.objectValue
        return from(httpStatus: httpStatus, status: status, retryAfterHeader: retryAfterHeader)
    }

    /// Decodes a parsed `Status` object.
    public static func from(httpStatus: Int, status: JSONObject?, retryAfterHeader: String?) -> KubeAPIError {
        let code = status?.int("code") ?? httpStatus
        let reason = status?["reason"]?.stringValue ?? ""
        let message = status?["message"]?.stringValue ?? "HTTP \(httpStatus)"
        let details = status?["details"]?.objectValue
        let causes = (details?["causes"]?.arrayValue ?? []).compactMap { value -> Cause? in
            guard let cause = value.objectValue else { return nil }
            return Cause(
                reason: cause["reason"]?.stringValue, message: cause["message"]?.stringValue,
                field: cause["field"]?.stringValue)
        }
        let retryAfter = retryAfterHeader.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            ?? details?.int("retryAfterSeconds")
        let kind = classify(reason: reason, code: code)
        return KubeAPIError(
            kind: kind, code: code, reason: reason.isEmpty ? kind.rawValue : reason, message: message,
            causes: causes, retryAfterSeconds: retryAfter)
    }

    static func classify(reason: String, code: Int) -> Kind {
        if let known = Kind(rawValue: reason), known != .other { return known }
        switch code {
        case 400: return .badRequest
        case 401: return .unauthorized
        case 403: return .forbidden
        case 404: return .notFound
        case 405: return .methodNotAllowed
        case 409: return .conflict
        case 410: return .gone
        case 415: return .unsupportedMediaType
        case 422: return .invalid
        case 429: return .tooManyRequests
        case 503: return .serviceUnavailable
        case 504: return .timeout
        case 500...599: return .serverError
        default: return .other
        }
    }
}
