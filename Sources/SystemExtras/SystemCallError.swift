#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A system call that failed, with its `errno`.
public struct SystemCallError: Error, Equatable, CustomStringConvertible {
    /// The C function that failed, e.g. "preadv2".
    public let call: String
    /// The `errno` it left.
    public let errno: Int32

    /// Wraps a failure of `call` with `errno`.
    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    /// True for `EAGAIN` / `EWOULDBLOCK`: the call would have had to wait.
    public var wouldBlock: Bool { errno == EAGAIN || errno == EWOULDBLOCK }

    /// One line for logs.
    public var description: String { "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))" }
}
