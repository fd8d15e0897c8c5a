import Foundation
import Hummingbird
import NIOCore

/// The request context KubeSim's handlers get: Hummingbird's core context plus the connection's channel (a
/// following `pods/log` stream watches it to notice a client that has gone).
struct KubeRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Hummingbird responder that hands every request to the API handler.
struct KubeResponder: HTTPResponder {
    typealias Context = KubeRequestContext
    let handler: APIHandler

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: 64 << 20)
        let bytes = buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? []
        return await handler.handle(request, body: bytes, channel: context.channel)
    }
}
