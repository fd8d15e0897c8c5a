import Foundation
import KubeClient
#if canImport(Glibc)
import Glibc
#endif

/// One run of a container probe, as the kubelet does it: an HTTP GET (success for 200–399), a TCP connect,
/// or a command inside the container's sandbox (success for exit code 0), each within `timeoutSeconds`.
enum ProbeCheck {
    /// The outcome of one probe run and, on failure, why (the kubelet's event message).
    struct Outcome: Sendable {
        var success: Bool
        var message: String
    }

    /// Runs `probe` against a container at `podIP`; `ports` resolves named ports; `exec` runs a command in
    /// the container's sandbox and returns its exit status.
    static func run(_ probe: Probe, podIP: String, ports: [String: Int], exec: @escaping @Sendable ([String], Duration) async -> Int32?) async -> Outcome {
        let timeout = Double(max(1, probe.timeoutSeconds ?? 1))
        if let command = probe.execCommand {
            guard let status = await exec(command, .seconds(timeout)) else { return Outcome(success: false, message: "command timed out after \(Int(timeout))s") }
            return Outcome(success: status == 0, message: "command \(command.joined(separator: " ")) exited with \(status)")
        }
        guard let port = resolve(probe.port, ports: ports) else { return Outcome(success: false, message: "probe port not found in the container's ports") }
        let isHTTP = probe.object["httpGet"] != nil
        let path = probe.httpGetPath ?? "/"
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: isHTTP ? httpGet(host: podIP, port: port, path: path, timeout: timeout) : tcpConnect(host: podIP, port: port, timeout: timeout))
            }
            thread.stackSize = 128 * 1024
            thread.start()
        }
    }

    static func resolve(_ port: IntOrString?, ports: [String: Int]) -> Int? {
        switch port {
        case .int(let number): return number
        case .string(let name): return ports[name] ?? Int(name)
        case nil: return nil
        }
    }

    private static func connect(host: String, port: Int, timeout: Double) -> Int32? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(descriptor)
            return nil
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    static func tcpConnect(host: String, port: Int, timeout: Double) -> Outcome {
        guard let descriptor = connect(host: host, port: port, timeout: timeout) else {
            return Outcome(success: false, message: "dial tcp \(host):\(port): connect: connection refused")
        }
        close(descriptor)
        return Outcome(success: true, message: "")
    }

    static func httpGet(host: String, port: Int, path: String, timeout: Double) -> Outcome {
        guard let descriptor = connect(host: host, port: port, timeout: timeout) else {
            return Outcome(success: false, message: "Get \"http://\(host):\(port)\(path)\": dial tcp: connect: connection refused")
        }
        defer { close(descriptor) }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nUser-Agent: kube-probe/1.31\r\nAccept: */*\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count else {
            return Outcome(success: false, message: "Get \"http://\(host):\(port)\(path)\": write failed")
        }
        var buffer = [UInt8](repeating: 0, count: 512)
        var received = 0
        while received < 12 {
            let count = buffer.withUnsafeMutableBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return -1 }
                return recv(descriptor, base + received, bytes.count - received, 0)
            }
            if count <= 0 { break }
            received += count
        }
        let statusLine = String(decoding: buffer[0..<received], as: UTF8.self)
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let code = Int(parts[1]) else {
            return Outcome(success: false, message: "Get \"http://\(host):\(port)\(path)\": no HTTP status (timeout \(Int(timeout))s)")
        }
        return (200..<400).contains(code)
            ? Outcome(success: true, message: "")
            : Outcome(success: false, message: "HTTP probe failed with statuscode: \(code)")
    }
}
