import Foundation
import Hummingbird
import NIOCore

/// Hummingbird responder that hands every request to the API handler.
struct KubeResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let handler: APIHandler

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: 64 << 20)
        let bytes = buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? []
        return await handler.handle(request, body: bytes)
    }
}
