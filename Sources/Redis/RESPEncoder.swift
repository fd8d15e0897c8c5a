import NIOCore

/// Writes commands in RESP2 array form (`*N\r\n$len\r\narg\r\n...`) straight into a ByteBuffer.
enum RESPEncoder {
    /// Appends `command` to `buffer`.
    static func write(_ command: RedisCommand, into buffer: inout ByteBuffer) {
        buffer.writeStaticString("*")
        writeDecimal(command.arguments.count + 1, into: &buffer)
        buffer.writeStaticString("\r\n")
        writeBulk(string: command.name, into: &buffer)
        for argument in command.arguments {
            switch argument.storage {
            case .bytes(let bytes):
                buffer.writeStaticString("$")
                writeDecimal(bytes.count, into: &buffer)
                buffer.writeStaticString("\r\n")
                buffer.writeBytes(bytes)
                buffer.writeStaticString("\r\n")
            case .string(let string):
                writeBulk(string: string, into: &buffer)
            case .int(let int):
                writeBulk(string: String(int), into: &buffer)  // a small string: stored inline, no allocation
            }
        }
    }

    private static func writeBulk(string: String, into buffer: inout ByteBuffer) {
        buffer.writeStaticString("$")
        writeDecimal(string.utf8.count, into: &buffer)
        buffer.writeStaticString("\r\n")
        buffer.writeString(string)
        buffer.writeStaticString("\r\n")
    }

    /// Writes `value` in decimal without going through String.
    static func writeDecimal(_ value: Int, into buffer: inout ByteBuffer) {
        if value < 0 { buffer.writeInteger(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            buffer.writeInteger(UInt8(truncatingIfNeeded: magnitude) &+ 48)
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { scratch in
            var index = 20
            while magnitude > 0 {
                index -= 1
                scratch[index] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 48
                magnitude /= 10
            }
            buffer.writeBytes(UnsafeBufferPointer(rebasing: scratch[index...]))
        }
    }
}
