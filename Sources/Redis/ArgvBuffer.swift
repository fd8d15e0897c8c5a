/// Reusable argv storage: every argument is copied into one growing byte buffer and described by
/// pointer/length arrays, so sending a command allocates nothing once the buffers are warm.
struct ArgvBuffer: ~Copyable {
    private var bytes: UnsafeMutableRawPointer
    private var byteCapacity: Int
    private var pointers: UnsafeMutablePointer<UnsafePointer<CChar>?>
    private var lengths: UnsafeMutablePointer<Int>
    private var slotCapacity: Int

    init() {
        byteCapacity = 4096
        slotCapacity = 16
        bytes = UnsafeMutableRawPointer.allocate(byteCount: byteCapacity, alignment: 8)
        pointers = .allocate(capacity: slotCapacity)
        lengths = .allocate(capacity: slotCapacity)
    }

    deinit {
        bytes.deallocate()
        pointers.deallocate()
        lengths.deallocate()
    }

    /// Lays out `command` and calls `body(argc, argv, argvlen)`.
    mutating func withArgv<R>(
        _ command: RedisCommand,
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> R
    ) -> R {
        let count = command.arguments.count + 1
        var needed = command.name.utf8.count
        for argument in command.arguments { needed += Self.maximumSize(argument) }
        reserve(slots: count, bytes: needed)

        var offset = 0
        offset = write(string: command.name, slot: 0, at: offset)
        for (index, argument) in command.arguments.enumerated() {
            switch argument.storage {
            case .bytes(let value): offset = write(bytes: value, slot: index + 1, at: offset)
            case .string(let value): offset = write(string: value, slot: index + 1, at: offset)
            case .int(let value): offset = write(int: value, slot: index + 1, at: offset)
            }
        }
        return body(Int32(count), pointers, UnsafePointer(lengths))
    }

    private static func maximumSize(_ argument: RedisArgument) -> Int {
        switch argument.storage {
        case .bytes(let value): return value.count
        case .string(let value): return value.utf8.count
        case .int: return 20
        }
    }

    private mutating func reserve(slots: Int, bytes needed: Int) {
        if slots > slotCapacity {
            pointers.deallocate()
            lengths.deallocate()
            slotCapacity = max(slots, slotCapacity * 2)
            pointers = .allocate(capacity: slotCapacity)
            lengths = .allocate(capacity: slotCapacity)
        }
        if needed > byteCapacity {
            bytes.deallocate()
            byteCapacity = max(needed, byteCapacity * 2)
            bytes = .allocate(byteCount: byteCapacity, alignment: 8)
        }
    }

    private func record(slot: Int, at offset: Int, length: Int) {
        pointers[slot] = UnsafePointer((bytes + offset).assumingMemoryBound(to: CChar.self))
        lengths[slot] = length
    }

    private func write(bytes value: [UInt8], slot: Int, at offset: Int) -> Int {
        value.withUnsafeBytes { source in
            if let base = source.baseAddress { (bytes + offset).copyMemory(from: base, byteCount: source.count) }
        }
        record(slot: slot, at: offset, length: value.count)
        return offset + value.count
    }

    private func write(string value: String, slot: Int, at offset: Int) -> Int {
        let length = value.utf8.count
        let copied: Void? = value.utf8.withContiguousStorageIfAvailable { source in
            if let base = source.baseAddress { (bytes + offset).copyMemory(from: base, byteCount: source.count) }
        }
        if copied == nil {
            var position = offset
            for byte in value.utf8 {
                bytes.storeBytes(of: byte, toByteOffset: position, as: UInt8.self)
                position += 1
            }
        }
        record(slot: slot, at: offset, length: length)
        return offset + length
    }

    private func write(int value: Int, slot: Int, at offset: Int) -> Int {
        // Digits are produced backwards into a 20-byte window, then moved to the front of it.
        var magnitude = value.magnitude
        var digits = 0
        let window = bytes + offset
        repeat {
            window.storeBytes(of: UInt8(ascii: "0") + UInt8(magnitude % 10), toByteOffset: 19 - digits, as: UInt8.self)
            magnitude /= 10
            digits += 1
        } while magnitude > 0
        if value < 0 {
            window.storeBytes(of: UInt8(ascii: "-"), toByteOffset: 19 - digits, as: UInt8.self)
            digits += 1
        }
        window.copyMemory(from: window + (20 - digits), byteCount: digits)
        record(slot: slot, at: offset, length: digits)
        return offset + digits
    }
}
