import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A parsed HTTP response.
public struct HTTPReply: Sendable {
    /// Status code.
    public var status: Int
    /// Header fields, names lower-cased (last one wins).
    public var headers: [String: String]
    /// The body bytes.
    public var body: [UInt8]
    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
    /// The body parsed as a JSON object (empty when it is not one).
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }
    /// `error.code` of an error body.
    public var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
}

/// Why a raw HTTP exchange failed.
public enum RawHTTPError: Error {
    case connect(Int32)
    case io(Int32)
    case malformed(String)
}

/// A tiny blocking HTTP/1.1 client over a TCP socket to 127.0.0.1, for tests that need full control
/// (streamed bodies, disconnecting mid-upload, exact headers). One request per connection.
public enum RawHTTP {
    /// Sends one request and reads the whole response (`Connection: close`).
    public static func request(
        port: Int, method: String, path: String, headers: [String: String] = [:], body: [UInt8] = [], timeout: Double = 30
    ) throws -> HTTPReply {
        let fd = try connect(port: port, timeout: timeout)
        defer { close(fd) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        var fields = headers
        if fields["Content-Length"] == nil, fields["Transfer-Encoding"] == nil, method != "GET" || !body.isEmpty { fields["Content-Length"] = "\(body.count)" }
        for (name, value) in fields { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        try sendAll(fd, Array(head.utf8))
        if !body.isEmpty { try sendAll(fd, body) }
        return try parse(readAll(fd))
    }

    /// Sends `text` exactly as given (a whole request that asks to close, e.g. with repeated fields)
    /// and reads the whole response.
    public static func exact(port: Int, _ text: String, timeout: Double = 30) throws -> HTTPReply {
        try split(port: port, first: Array(text.utf8), rest: [], timeout: timeout) {}
    }

    /// Sends `first`, runs `between` (to change the server's world mid-request), sends `rest`, and reads
    /// the whole response (the request must ask to close).
    public static func split(port: Int, first: [UInt8], rest: [UInt8], timeout: Double = 30, between: () throws -> Void) throws -> HTTPReply {
        let fd = try connect(port: port, timeout: timeout)
        defer { close(fd) }
        try sendAll(fd, first)
        try between()
        try sendAll(fd, rest)
        return try parse(readAll(fd))
    }

    /// Sends several bodiless requests on ONE connection, all at once (HTTP/1.1 pipelining; the last one
    /// asks to close), and splits the replies by their Content-Length, in order.
    public static func pipelined(port: Int, requests: [(method: String, path: String, headers: [String: String])], timeout: Double = 30) throws -> [HTTPReply] {
        let fd = try connect(port: port, timeout: timeout)
        defer { close(fd) }
        var wire = ""
        for (index, request) in requests.enumerated() {
            wire += "\(request.method) \(request.path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
            if index == requests.count - 1 { wire += "Connection: close\r\n" }
            for (name, value) in request.headers { wire += "\(name): \(value)\r\n" }
            wire += "\r\n"
        }
        try sendAll(fd, Array(wire.utf8))
        var raw = try readAll(fd)[...]
        var replies: [HTTPReply] = []
        let separator: [UInt8] = [13, 10, 13, 10]
        while !raw.isEmpty {
            guard let headEnd = raw.indices.first(where: { raw[$0...].starts(with: separator) }) else {
                throw RawHTTPError.malformed("no header terminator after \(replies.count) replies")
            }
            var reply = try parse(Array(raw[..<(headEnd + 4)]))
            let length = reply.status == 304 ? 0 : Int(reply.headers["content-length"] ?? "0") ?? 0
            guard raw.endIndex - (headEnd + 4) >= length else { throw RawHTTPError.malformed("short body in reply \(replies.count)") }
            reply.body = Array(raw[(headEnd + 4)..<(headEnd + 4 + length)])
            replies.append(reply)
            raw = raw[(headEnd + 4 + length)...]
        }
        return replies
    }

    /// Sends headers announcing `declaredLength` bytes, then only `sentBytes` of them, then closes the
    /// socket: a client that disconnects mid-upload.
    public static func abortedUpload(port: Int, path: String, token: String, declaredLength: Int, sentBytes: Int) throws {
        let fd = try connect(port: port, timeout: 10)
        let head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nContent-Length: \(declaredLength)\r\n\r\n"
        try sendAll(fd, Array(head.utf8))
        try sendAll(fd, [UInt8](repeating: 0x61, count: sentBytes))
        usleep(100_000)
        close(fd)
    }

    /// Opens a TCP connection to 127.0.0.1:port with send/receive timeouts.
    public static func connect(port: Int, timeout: Double) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawHTTPError.connect(errno) }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            let code = errno
            close(fd)
            throw RawHTTPError.connect(code)
        }
        return fd
    }

    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw RawHTTPError.io(errno) }
            offset += n
        }
    }

    static func readAll(_ fd: Int32) throws -> [UInt8] {
        var out = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { break }
            guard n > 0 else { throw RawHTTPError.io(errno) }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    static func parse(_ raw: [UInt8]) throws -> HTTPReply {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let headEnd = raw.indices.first(where: { raw[$0...].starts(with: separator) }) else {
            throw RawHTTPError.malformed("no header terminator in \(raw.count) bytes")
        }
        let lines = String(decoding: raw[..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = lines.first, statusLine.split(separator: " ").count >= 2,
              let status = Int(statusLine.split(separator: " ")[1]) else { throw RawHTTPError.malformed("bad status line") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(raw[(headEnd + 4)...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = try dechunk(body) }
        return HTTPReply(status: status, headers: headers, body: body)
    }

    static func dechunk(_ data: [UInt8]) throws -> [UInt8] {
        var out = [UInt8]()
        var i = 0
        while i < data.count {
            guard let lineEnd = (i..<(data.count - 1)).first(where: { data[$0] == 13 && data[$0 + 1] == 10 }) else { break }
            let sizeText = String(decoding: data[i..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { throw RawHTTPError.malformed("bad chunk size") }
            if size == 0 { break }
            let start = lineEnd + 2
            guard start + size <= data.count else { throw RawHTTPError.malformed("short chunk") }
            out.append(contentsOf: data[start..<(start + size)])
            i = start + size + 2
        }
        return out
    }
}
