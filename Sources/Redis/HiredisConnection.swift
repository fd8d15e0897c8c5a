internal import CHiredis
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One blocking hiredis connection. Not thread-safe: confined to the serial queue or thread that owns it.
///
/// This file and `HiredisReply.swift` are the only places that touch hiredis pointers.
final class HiredisConnection {
    private let context: UnsafeMutablePointer<redisContext>
    private var argv = ArgvBuffer()

    private init(context: UnsafeMutablePointer<redisContext>) {
        self.context = context
    }

    deinit {
        redisFree(context)
    }

    /// hiredis writes with write(2): a write to a connection Redis already closed raises SIGPIPE, which
    /// would kill the process. Ignoring it process-wide (once) turns that into an EPIPE error instead.
    private static let ignoreBrokenPipe: Void = {
        _ = signal(SIGPIPE, SIG_IGN)
    }()

    /// Connects, then authenticates, selects the database and names the client in one round trip.
    static func connect(_ configuration: RedisConfiguration) throws(RedisError) -> HiredisConnection {
        Self.ignoreBrokenPipe
        guard let raw = configuration.host.withCString({ host in
            redisConnectWithTimeout(host, Int32(clamping: configuration.port), makeTimeval(configuration.connectTimeout))
        }) else {
            throw RedisError(kind: .connection, message: "out of memory creating a hiredis context")
        }
        let connection = HiredisConnection(context: raw)
        if raw.pointee.err != 0 {
            throw connection.ioError(savedErrno: errno, operation: "connect")
        }
        _ = redisEnableKeepAlive(raw)
        guard redisSetTimeout(raw, makeTimeval(configuration.commandTimeout)) == REDIS_OK else {
            throw connection.ioError(savedErrno: errno, operation: "set timeout")
        }
        try connection.handshake(configuration)
        return connection
    }

    private func handshake(_ configuration: RedisConfiguration) throws(RedisError) {
        let commands = configuration.handshakeCommands
        guard !commands.isEmpty else { return }
        let replies = try pipeline(commands)
        for (command, reply) in zip(commands, replies) {
            if case .error(let message) = reply {
                let what = command.name == "AUTH" ? "AUTH failed" : "\(command.name) on connect failed"
                throw RedisError(kind: .connection, message: "\(what): \(message)")
            }
        }
    }

    /// True when this idle connection can no longer be used (server closed it, or an earlier error).
    var isStale: Bool {
        if context.pointee.err != 0 { return true }
        var descriptor = pollfd(fd: context.pointee.fd, events: Int16(POLLIN), revents: 0)
        // Nothing may arrive on an idle RESP2 connection: readable means EOF, reset or garbage.
        return poll(&descriptor, 1, 0) != 0
    }

    /// The socket descriptor (for poll in the subscriber loop).
    var fileDescriptor: Int32 { context.pointee.fd }

    /// Sends one command and reads its reply.
    func execute(_ command: RedisCommand) throws(RedisError) -> RedisValue {
        try append(command)
        return try readReply()
    }

    /// Appends every command to the output buffer, then reads the replies: one write, one round trip.
    func pipeline(_ commands: [RedisCommand]) throws(RedisError) -> [RedisValue] {
        for command in commands { try append(command) }
        var replies: [RedisValue] = []
        replies.reserveCapacity(commands.count)
        for _ in 0..<commands.count { replies.append(try readReply()) }
        return replies
    }

    /// Appends a command to hiredis' output buffer without sending it yet.
    func append(_ command: RedisCommand) throws(RedisError) {
        let status = argv.withArgv(command) { count, pointers, lengths in
            redisAppendCommandArgv(context, count, pointers, lengths)
        }
        guard status == REDIS_OK else { throw ioError(savedErrno: errno, operation: "append") }
    }

    /// Flushes pending output and blocks (up to the command timeout) for the next reply.
    func readReply() throws(RedisError) -> RedisValue {
        var raw: UnsafeMutableRawPointer?
        let status = redisGetReply(context, &raw)
        let savedErrno = errno
        guard status == REDIS_OK, let raw else { throw ioError(savedErrno: savedErrno, operation: "read") }
        defer { freeReplyObject(raw) }
        return HiredisReply.convert(raw.assumingMemoryBound(to: redisReply.self))
    }

    /// A reply already buffered and parsed, without any I/O; nil when none is complete yet.
    func bufferedReply() throws(RedisError) -> RedisValue? {
        var raw: UnsafeMutableRawPointer?
        guard redisGetReplyFromReader(context, &raw) == REDIS_OK else {
            throw ioError(savedErrno: errno, operation: "parse")
        }
        guard let raw else { return nil }
        defer { freeReplyObject(raw) }
        return HiredisReply.convert(raw.assumingMemoryBound(to: redisReply.self))
    }

    /// Sends pending output (blocking).
    func flush() throws(RedisError) {
        var done: Int32 = 0
        while done == 0 {
            guard redisBufferWrite(context, &done) == REDIS_OK else { throw ioError(savedErrno: errno, operation: "write") }
        }
    }

    /// Waits up to `milliseconds` for the socket to become readable; true when it is (or has hung up).
    func waitReadable(milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: context.pointee.fd, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, milliseconds) > 0
    }

    /// Reads what the socket has into hiredis' reader (call after `waitReadable`).
    func fillBuffer() throws(RedisError) {
        guard redisBufferRead(context) == REDIS_OK else { throw ioError(savedErrno: errno, operation: "read") }
    }

    /// Maps the context's error state to a typed error.
    private func ioError(savedErrno: Int32, operation: String) -> RedisError {
        let code = context.pointee.err
        let text = withUnsafeBytes(of: &context.pointee.errstr) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        let timedOut = code == REDIS_ERR_IO
            && (savedErrno == EAGAIN || savedErrno == EWOULDBLOCK || savedErrno == ETIMEDOUT
                || text.contains("temporarily unavailable") || text.contains("timed out"))
        if timedOut {
            return RedisError(kind: .timeout, message: "\(operation) timed out: \(text)")
        }
        switch code {
        case REDIS_ERR_PROTOCOL, REDIS_ERR_OOM:
            return RedisError(kind: .protocolError, message: "\(operation) failed: \(text)")
        default:
            return RedisError(kind: .connection, message: "\(operation) failed: \(text.isEmpty ? "unknown error" : text)")
        }
    }

    private static func makeTimeval(_ duration: Duration) -> timeval {
        let (seconds, attoseconds) = duration.components
        let micros = attoseconds / 1_000_000_000_000
        return timeval(tv_sec: Int(max(0, seconds)), tv_usec: Int(max(0, micros)))
    }
}
