import Synchronization

/// Async bridge over `CurlMultiLoop`: buffered requests and streamed (watch) responses.
struct CurlHTTPTransport: Sendable {
    let loop: CurlMultiLoop

    init(loop: CurlMultiLoop = .shared) { self.loop = loop }

    /// Sends a request and collects the whole body.
    func send(_ request: HTTPRequest) async throws(KubeTransportError) -> (HTTPResponseHead, [UInt8]) {
        let sink = BufferedSink()
        let transfer = try CurlTransfer(request: request, sink: sink)
        let result: Result<(HTTPResponseHead, [UInt8]), KubeTransportError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                sink.install(continuation)
                loop.submit(transfer)
            }
        } onCancel: {
            loop.cancel(transfer)
        }
        return try result.get()
    }

    /// Sends a request and returns as soon as the headers arrive; the body streams with flow control.
    func stream(_ request: HTTPRequest) async throws(KubeTransportError) -> StreamingResponse {
        let channel = ResponseBodyChannel()
        let sink = StreamingSink(channel: channel)
        let transfer = try CurlTransfer(request: request, sink: sink)
        channel.onResume { [loop] in loop.unpause(transfer) }
        let head: Result<HTTPResponseHead, KubeTransportError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                sink.installHead(continuation)
                loop.submit(transfer)
            }
        } onCancel: {
            loop.cancel(transfer)
        }
        let resolvedHead = try head.get()
        return StreamingResponse(head: resolvedHead, body: channel, cancellation: TransferCancellation { [loop] in loop.cancel(transfer) })
    }
}
