import Synchronization

/// Collects the body; resumes the waiting task at the end.
final class BufferedSink: TransferSink, Sendable {
    private struct State {
        var continuation: CheckedContinuation<Result<(HTTPResponseHead, [UInt8]), KubeTransportError>, Never>?
        var head = HTTPResponseHead(status: 0, headers: [:])
        var body: [UInt8] = []
        var early: Result<(HTTPResponseHead, [UInt8]), KubeTransportError>?
    }
    private let state = Mutex(State())

    func install(_ continuation: CheckedContinuation<Result<(HTTPResponseHead, [UInt8]), KubeTransportError>, Never>) {
        let early = state.withLock { state -> Result<(HTTPResponseHead, [UInt8]), KubeTransportError>? in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(returning: early) }
    }

    func head(_ head: HTTPResponseHead) { state.withLock { $0.head = head } }

    func body(_ chunk: UnsafeRawBufferPointer) -> Bool {
        state.withLock { $0.body.append(contentsOf: chunk) }
        return true
    }

    func finish(_ error: KubeTransportError?) {
        let continuation = state.withLock { state in
            let result: Result<(HTTPResponseHead, [UInt8]), KubeTransportError> =
                error.map { .failure($0) } ?? .success((state.head, state.body))
            let taken = state.continuation
            state.continuation = nil
            if taken == nil { state.early = result }
            return taken.map { ($0, result) }
        }
        if let (waiting, result) = continuation { waiting.resume(returning: result) }
    }
}
