/// The events of one watch connection, decoded as they arrive.
public struct WatchEventStream<R: KubeObject>: AsyncSequence, Sendable {
    /// Element type.
    public typealias Element = WatchEvent<R>
    let response: StreamingResponse

    /// Stops the underlying transfer.
    public func cancel() { response.cancel() }

    /// Creates the iterator.
    public func makeAsyncIterator() -> Iterator { Iterator(response: response) }

    /// Pulls chunks and yields decoded events.
    public struct Iterator: AsyncIteratorProtocol {
        let response: StreamingResponse
        var decoder = WatchLineDecoder()
        var pending: [JSONValue] = []
        var pendingIndex = 0
        var ended = false

        private func nextChunk() async throws -> [UInt8]? {
            try await withTaskCancellationHandler {
                try await response.body.next()
            } onCancel: { [response] in
                response.cancel()
            }
        }

        /// Next event, or nil when the server closed the stream.
        public mutating func next() async throws -> WatchEvent<R>? {
            while true {
                if pendingIndex < pending.count {
                    let value = pending[pendingIndex]
                    pendingIndex += 1
                    return try WatchEvent<R>.decode(value)
                }
                if ended { return nil }
                pending.removeAll(keepingCapacity: true)
                pendingIndex = 0
                if let chunk = try await nextChunk() {
                    pending = try decoder.feed(chunk)
                } else {
                    ended = true
                    if let last = try decoder.finish() { pending = [last] }
                }
            }
        }
    }
}
