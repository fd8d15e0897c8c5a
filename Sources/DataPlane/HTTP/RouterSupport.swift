import Hummingbird

/// Router additions shared by both listeners.
extension Router where Context == DataPlaneRequestContext {
    /// Answers 405 `method_not_allowed` (with `Allow`) for the methods a path does not serve: every
    /// method of RFC 9110 but CONNECT, and QUERY. (HEAD is served wherever GET is: the router answers
    /// it from the GET handler.)
    func methodNotAllowed(_ path: RouterPath, allowed: [HTTPRequest.Method]) {
        var all: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete, .head, .options, .trace]
        if let query = HTTPRequest.Method("QUERY") { all.append(query) }
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        for method in all where !allowed.contains(method) && !(method == .head && allowed.contains(.get)) {
            on(path, method: method) { _, _ -> Response in
                var error = APIError(.methodNotAllowed, "method_not_allowed", "\(method.rawValue) is not allowed here; use \(allow)")
                error.headers[.allow] = allow
                throw error
            }
        }
    }
}

/// Turns anything thrown that is not an `APIError` into a JSON 500 (or 404 for unknown routes) so
/// every error body has the documented shape.
struct JSONErrorMiddleware: RouterMiddleware {
    typealias Context = DataPlaneRequestContext
    let service: FileService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            return response
        } catch let error as APIError {
            throw error
        } catch let error as any HTTPResponseError where error.status == .notFound {
            throw APIError(.notFound, "not_found", "no route for \(request.method.rawValue) \(request.uri.path)")
        } catch let error as any HTTPResponseError {
            throw APIError(error.status, "http_error", "\(error.status.reasonPhrase)")
        } catch {
            let mapped = mapStorageError(error)
            if let api = mapped as? APIError { throw api }
            service.logger.error("request failed", metadata: ["error": "\(error)", "http.path": "\(request.uri.path)"])
            throw APIError(.internalServerError, "internal", "internal error; see the server log")
        }
    }
}
