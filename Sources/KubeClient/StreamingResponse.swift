/// A response whose body is still arriving.
struct StreamingResponse: Sendable {
    let head: HTTPResponseHead
    let body: ResponseBodyChannel
    let cancellation: TransferCancellation

    /// Stops the transfer.
    func cancel() { cancellation() }

    /// Reads the rest of the body (for error responses).
    func collect() async throws -> [UInt8] {
        var bytes: [UInt8] = []
        while let chunk = try await body.next() { bytes.append(contentsOf: chunk) }
        return bytes
    }
}
