import Synchronization

/// Forwards chunks into a flow-controlled `ResponseBodyChannel`; resumes the head continuation once.
final class StreamingSink: TransferSink, Sendable {
    let channel: ResponseBodyChannel
    init(channel: ResponseBodyChannel) { self.channel = channel }
    private struct HeadState {
        var continuation: CheckedContinuation<Result<HTTPResponseHead, KubeTransportError>, Never>?
        var early: Result<HTTPResponseHead, KubeTransportError>?
        var done = false
    }
    private let headState = Mutex(HeadState())

    func installHead(_ continuation: CheckedContinuation<Result<HTTPResponseHead, KubeTransportError>, Never>) {
        let early = headState.withLock { state -> Result<HTTPResponseHead, KubeTransportError>? in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(returning: early) }
    }

    private func deliverHead(_ result: Result<HTTPResponseHead, KubeTransportError>) {
        let waiting = headState.withLock { state -> CheckedContinuation<Result<HTTPResponseHead, KubeTransportError>, Never>? in
            guard !state.done else { return nil }
            state.done = true
            let taken = state.continuation
            state.continuation = nil
            if taken == nil { state.early = result }
            return taken
        }
        waiting?.resume(returning: result)
    }

    func head(_ head: HTTPResponseHead) { deliverHead(.success(head)) }

    func body(_ chunk: UnsafeRawBufferPointer) -> Bool { channel.offer(chunk) }

    func finish(_ error: KubeTransportError?) {
        if let error {
            deliverHead(.failure(error))
            channel.finish(error)
        } else {
            deliverHead(.failure(KubeTransportError(kind: .invalidResponse, detail: "no response head")))
            channel.finish(nil)
        }
    }
}
