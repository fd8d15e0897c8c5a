import Foundation
import Hummingbird

/// An error the file API answers with: HTTP status, stable machine code and a human message,
/// rendered as `{"error": {"code": ..., "message": ...}}`.
public struct APIError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    /// HTTP status.
    public let status: HTTPResponse.Status
    /// Stable machine code (safe as a metric label).
    public let code: String
    /// Human-readable explanation.
    public let message: String
    /// Extra response headers (e.g. `Allow`, `Retry-After`).
    public var headers: HTTPFields = [:]

    /// Makes an error.
    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }

    /// The JSON error response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var body = ByteBuffer()
        body.writeString(#"{"error":{"code":"#)
        body.writeString(JSONText.quote(code))
        body.writeString(#","message":"#)
        body.writeString(JSONText.quote(message))
        body.writeString("}}")
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: body))
    }
}

extension APIError {
    static let unauthorized = APIError(.unauthorized, "unauthorized", "a valid session is required (Authorization: Bearer TOKEN or the fwb_session cookie)")
    static let badCredentials = APIError(.unauthorized, "invalid_credentials", "unknown user or wrong password")
    static let fileNotFound = APIError(.notFound, "file_not_found", "no such file")
    static let databaseUnavailable: APIError = {
        var error = APIError(.serviceUnavailable, "database_unavailable", "the metadata database is unreachable; retry shortly")
        error.headers[.retryAfter] = "1"
        return error
    }()
    static let maintenance: APIError = {
        var error = APIError(.serviceUnavailable, "maintenance", "a restore is in progress; writes are paused")
        error.headers[.retryAfter] = "5"
        return error
    }()
    static let forbidden = APIError(.forbidden, "forbidden", "this needs an admin session")

    static func invalidName(_ why: String) -> APIError { APIError(.badRequest, "invalid_name", why) }
    static func invalidJSON(_ why: String) -> APIError { APIError(.badRequest, "invalid_json", why) }
    static func tooLarge(limit: Int64) -> APIError {
        APIError(.contentTooLarge, "payload_too_large", "the body exceeds the upload limit of \(limit) bytes")
    }
}
