import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 listener for health probes and Prometheus scrapes: GET only, one short response per
/// connection, served on one dedicated thread (blocking socket calls never touch the cooperative pool).
public final class ProbeServer: Sendable {
    /// A response.
    public struct Response: Sendable {
        /// HTTP status.
        public var status: Int
        /// Content-Type header.
        public var contentType: String
        /// Body bytes.
        public var body: [UInt8]

        /// Creates a response.
        public init(status: Int, contentType: String = "text/plain; charset=utf-8", body: String) {
            self.status = status
            self.contentType = contentType
            self.body = Array(body.utf8)
        }
    }

    /// Produces a response for a request path (called on the listener thread; keep it quick).
    public typealias Handler = @Sendable (_ path: String) -> Response

    /// Failure to bind the listener.
    public struct BindError: Error, Sendable {
        /// Stable machine code.
        public let code = "probe_server_bind_failed"
        /// The address that failed.
        public let address: String
        /// errno.
        public let errno: Int32
    }

    /// The bound port (useful with port 0).
    public let port: Int
    private let listener: Int32
    private let handler: Handler
    private let stopped = Atomic<Bool>(false)

    /// Binds `host:port` (IPv4 literal or `localhost`) and starts serving.
    public init(host: String, port: Int, handler: @escaping Handler) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        let resolvedHost = host == "localhost" ? "127.0.0.1" : (host.isEmpty ? "0.0.0.0" : host)
        guard inet_pton(AF_INET, resolvedHost, &address.sin_addr) == 1 else {
            close(fd)
            throw BindError(address: "\(host):\(port)", errno: EINVAL)
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 32) == 0 else {
            let code = errno
            close(fd)
            throw BindError(address: "\(host):\(port)", errno: code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        self.port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in serveLoop() }
        thread.name = "probe-server"
        thread.stackSize = 256 * 1024
        thread.start()
    }

    /// Parses `HOST:PORT`.
    public static func parse(listen: String) -> (host: String, port: Int)? {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        return (String(listen[..<colon]), port)
    }

    /// Stops accepting connections.
    public func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serveLoop() {
        while !stopped.load(ordering: .relaxed) {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if stopped.load(ordering: .relaxed) { return }
                continue
            }
            var timeout = timeval(tv_sec: 2, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            serve(client)
            close(client)
        }
    }

    private static func containsHeaderEnd(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return true
        }
        return false
    }

    private func serve(_ fd: Int32) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var received: [UInt8] = []
        while received.count < 16384 {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return }
            received.append(contentsOf: buffer[0..<count])
            if Self.containsHeaderEnd(received) { break }
        }
        let requestLine = String(decoding: received.prefix(while: { $0 != 13 && $0 != 10 }), as: UTF8.self).split(separator: " ")
        let response: Response
        if requestLine.count >= 2, requestLine[0] == "GET" || requestLine[0] == "HEAD" {
            let target = String(requestLine[1])
            let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
            response = handler(path)
        } else {
            response = Response(status: 405, body: "method not allowed\n")
        }
        let reason = response.status == 200 ? "OK" : (response.status == 404 ? "Not Found" : "Error")
        let head = "HTTP/1.1 \(response.status) \(reason)\r\nContent-Type: \(response.contentType)\r\nContent-Length: \(response.body.count)\r\nConnection: close\r\n\r\n"
        let bytes = Array(head.utf8) + (requestLine.first == "HEAD" ? [] : response.body)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { return }
            offset += written
        }
    }
}
