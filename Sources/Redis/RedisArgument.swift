/// One command argument, binary-safe.
///
/// Strings and integers are kept in their native form and written straight into the connection's
/// reusable argv buffer, so building a command does not allocate a byte array per argument.
public struct RedisArgument: Sendable, Hashable, ExpressibleByStringLiteral {
    @usableFromInline
    enum Storage: Sendable {
        case bytes([UInt8])
        case string(String)
        case int(Int)
    }

    @usableFromInline
    let storage: Storage

    /// An argument holding raw bytes (any byte values, including NUL).
    @inlinable
    public init(_ bytes: [UInt8]) { storage = .bytes(bytes) }
    /// An argument holding the UTF-8 bytes of `string`.
    @inlinable
    public init(_ string: String) { storage = .string(string) }
    /// An argument holding the decimal form of `int`.
    @inlinable
    public init(_ int: Int) { storage = .int(int) }
    /// An argument from a string literal.
    @inlinable
    public init(stringLiteral value: String) { storage = .string(value) }

    /// The argument's bytes (allocates; meant for tests and diagnostics, not the hot path).
    public var bytes: [UInt8] {
        switch storage {
        case .bytes(let bytes): return bytes
        case .string(let string): return Array(string.utf8)
        case .int(let int): return Array(String(int).utf8)
        }
    }

    /// Arguments are equal when their bytes are equal, whatever form they were built from.
    public static func == (lhs: RedisArgument, rhs: RedisArgument) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.bytes(let a), .bytes(let b)): return a == b
        case (.string(let a), .string(let b)): return a.utf8.elementsEqual(b.utf8)
        case (.int(let a), .int(let b)): return a == b
        default: return lhs.bytes == rhs.bytes
        }
    }

    /// Hashes the argument's bytes.
    public func hash(into hasher: inout Hasher) {
        switch storage {
        case .bytes(let bytes): hasher.combine(bytes)
        default: hasher.combine(bytes)
        }
    }
}

/// Interpolated literals such as `"file:meta:\(id)"` build string arguments too.
extension RedisArgument: ExpressibleByStringInterpolation {}
