internal import CHiredis

/// hiredis' RESP parser without a connection: bytes go in as they arrive, whole replies come out.
/// Confined to one thread (the owning connection's event loop).
final class HiredisReader {
    private let reader: UnsafeMutablePointer<redisReader>

    /// A fresh parser; nil only when hiredis cannot allocate one.
    init?() {
        guard let reader = redisReaderCreate() else { return nil }
        self.reader = reader
    }

    deinit {
        redisReaderFree(reader)
    }

    /// Hands received bytes to the parser.
    func feed(_ bytes: UnsafeRawBufferPointer) throws(RedisError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        guard redisReaderFeed(reader, base.assumingMemoryBound(to: CChar.self), bytes.count) == REDIS_OK else {
            throw failure()
        }
    }

    /// The next complete reply, or nil when more bytes are needed.
    func next() throws(RedisError) -> RedisValue? {
        var raw: UnsafeMutableRawPointer?
        guard redisReaderGetReply(reader, &raw) == REDIS_OK else { throw failure() }
        guard let raw else { return nil }
        defer { freeReplyObject(raw) }
        return HiredisReply.convert(raw.assumingMemoryBound(to: redisReply.self))
    }

    private func failure() -> RedisError {
        let text = withUnsafeBytes(of: &reader.pointee.errstr) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        return RedisError(kind: .protocolError, message: "malformed reply: \(text.isEmpty ? "unknown parser error" : text)")
    }
}
