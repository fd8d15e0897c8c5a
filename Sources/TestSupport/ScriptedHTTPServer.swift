import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1:0 whose every response is scripted by the test; it can misbehave on
/// demand (split writes, resets, stalls), which no healthy API server does.
public final class ScriptedHTTPServer: Sendable {
    /// A parsed request.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var query: [String: String]
        public var headers: [String: String]
        public var body: [UInt8]
    }

    /// One accepted connection the handler writes to.
    ///
    /// The socket is closed exactly once, by whichever comes first: `reset()` or the end of the serving
    /// loop. (Closing it twice closed whatever descriptor had reused the number in the meantime: another
    /// test's pipe or socket in the same process.)
    public final class Connection: Sendable {
        public let fd: Int32
        private let closed = Mutex(false)
        /// Wraps an accepted socket.
        public init(fd: Int32) { self.fd = fd }

        /// True once the socket is closed; nothing may use `fd` then.
        public var isClosed: Bool { closed.withLock { $0 } }

        /// Closes the socket unless it is closed already; `abortive` sends a TCP RST.
        func close(abortive: Bool = false) {
            closed.withLock { closed in
                guard !closed else { return }
                closed = true
                if abortive {
                    var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                    setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
                }
                Glibc.close(fd)
            }
        }

        public func write(_ bytes: [UInt8]) {
            guard !isClosed else { return }
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if written <= 0 { return }
                offset += written
            }
        }
        public func write(_ text: String) { write(Array(text.utf8)) }

        /// Sends a complete response with Content-Length.
        public func respond(status: Int, headers: [String: String] = [:], body: String) {
            var head = "HTTP/1.1 \(status) \(status < 300 ? "OK" : "Error")\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
            for (name, value) in headers { head += "\(name): \(value)\r\n" }
            write(head + "\r\n" + body)
        }
        /// Starts a chunked response.
        public func startChunked(status: Int = 200) {
            write("HTTP/1.1 \(status) OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
        }
        /// Sends one chunk.
        public func chunk(_ bytes: [UInt8]) {
            guard !bytes.isEmpty else { return }
            write(Array(String(bytes.count, radix: 16).utf8) + [13, 10] + bytes + [13, 10])
        }
        /// Ends a chunked response.
        public func endChunked() { write("0\r\n\r\n") }
        /// Aborts with a TCP RST.
        public func reset() { close(abortive: true) }
    }

    public typealias Handler = @Sendable (Request, Connection) -> Void

    public let port: Int
    private let listener: Int32
    private let handler: Handler
    private let stopped = Atomic<Bool>(false)
    private let requestLog = Mutex<[Request]>([])

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public var requests: [Request] { requestLog.withLock { $0 } }

    public init(handler: @escaping Handler) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EMFILE) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            let code = POSIXErrorCode(rawValue: errno) ?? .EADDRINUSE
            Glibc.close(fd)
            throw POSIXError(code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Stops accepting. Idempotent; the accepting thread closes the listening socket as it leaves, so
    /// it never calls `accept` on a descriptor number something else has reused.
    public func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        shutdown(listener, Int32(SHUT_RDWR))  // wakes a blocked accept
    }

    private func acceptLoop() {
        defer { close(listener) }
        while !stopped.load(ordering: .relaxed) {
            let client = accept(listener, nil, nil)
            if client < 0 { return }
            var noDelay: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        let connection = Connection(fd: fd)
        var buffer: [UInt8] = []
        var scratch = [UInt8](repeating: 0, count: 65536)
        while true {
            // Read until a full request is buffered.
            var request: Request?
            while request == nil {
                if let (parsed, used) = Self.parse(buffer) {
                    request = parsed
                    buffer.removeFirst(used)
                    break
                }
                if connection.isClosed { return }  // the handler reset it
                let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 { connection.close(); return }
                buffer.append(contentsOf: scratch[0..<count])
            }
            guard let request else { return }
            requestLog.withLock { $0.append(request) }
            handler(request, connection)
            if request.headers["x-close"] != nil { break }
        }
        connection.close()
    }

    public static func parse(_ buffer: [UInt8]) -> (Request, Int)? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard buffer.count >= 4 else { return nil }
        var headerEnd: Int?
        for index in 0...(buffer.count - 4) where Array(buffer[index..<index + 4]) == separator {
            headerEnd = index
            break
        }
        guard let headerEnd else { return nil }
        let headText = String(decoding: buffer[0..<headerEnd], as: UTF8.self)
        let lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        guard buffer.count >= headerEnd + 4 + length else { return nil }
        let body = Array(buffer[(headerEnd + 4)..<(headerEnd + 4 + length)])
        let target = String(requestLine[1])
        var path = target
        var query: [String: String] = [:]
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            for pair in target[target.index(after: mark)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                let key = parts[0].removingPercentEncoding ?? parts[0]
                query[key] = parts.count > 1 ? (parts[1].removingPercentEncoding ?? parts[1]) : ""
            }
        }
        return (Request(method: String(requestLine[0]), path: path, query: query, headers: headers, body: body), headerEnd + 4 + length)
    }
}
