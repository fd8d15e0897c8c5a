/// Splits a byte stream into newline-delimited JSON values without buffering more than one partial line.
public struct WatchLineDecoder: Sendable {
    private var buffer: [UInt8] = []
    private var scanned = 0

    /// Creates an empty decoder.
    public init() {}

    /// Bytes held for an incomplete line.
    public var pendingByteCount: Int { buffer.count }

    /// Feeds a chunk and returns every complete JSON line in it (blank lines are skipped).
    public mutating func feed(_ chunk: some Collection<UInt8>) throws -> [JSONValue] {
        buffer.append(contentsOf: chunk)
        var values: [JSONValue] = []
        var lineStart = 0
        var index = scanned
        let count = buffer.count
        try buffer.withUnsafeBufferPointer { bytes in
            while index < count {
                if bytes[index] == 0x0A {
                    if index > lineStart {
                        let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<index])
                        if line.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) {
                            values.append(try JSONParser.parse(buffer: line))
                        }
                    }
                    lineStart = index + 1
                }
                index += 1
            }
        }
        if lineStart > 0 { buffer.removeFirst(lineStart) }
        scanned = buffer.count
        return values
    }

    /// Parses what is left when the stream ends without a trailing newline.
    public mutating func finish() throws -> JSONValue? {
        defer { buffer.removeAll(); scanned = 0 }
        guard buffer.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D }) else { return nil }
        return try JSONParser.parse(buffer)
    }
}
