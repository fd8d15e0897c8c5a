import Foundation
import Testing
@testable import KubeClient

#if canImport(Glibc)
import Glibc
#endif

/// TLS from in-memory blobs against a real `openssl s_server` that requires a client certificate.
@Suite(.serialized) struct TLSTests {
    static func run(_ arguments: [String], in folder: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw POSIXError(.EINVAL) }
    }

    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Makes a CA, a server certificate for 127.0.0.1 and a client certificate; starts s_server.
    static func startServer(folder: String) throws -> (Process, Int) {
        try run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=test-ca"], in: folder)
        try write("subjectAltName=IP:127.0.0.1,DNS:api.test\n", to: folder + "/san.ext")
        try run(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"], in: folder)
        try run(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "1", "-extfile", "san.ext"], in: folder)
        try run(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client.key", "-out", "client.csr", "-subj", "/CN=operator"], in: folder)
        try run(["x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "client.pem", "-days", "1"], in: folder)
        let port = freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        server.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", "server.pem", "-key", "server.key", "-CAfile", "ca.pem", "-Verify", "1", "-www", "-quiet"]
        server.currentDirectoryURL = URL(fileURLWithPath: folder)
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        return (server, port)
    }

    func read(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test func clientCertificateAndCAFromMemory() async throws {
        let folder = try makeTempFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (server, port) = try Self.startServer(folder: folder)
        defer { server.terminate() }
        var configuration = ClientConfiguration(server: "https://127.0.0.1:\(port)")
        configuration.certificateAuthorityPEM = try read(folder + "/ca.pem")
        configuration.clientCertificatePEM = try read(folder + "/client.pem")
        configuration.clientKeyPEM = try read(folder + "/client.key")
        configuration.requestTimeout = .seconds(5)
        let client = KubeClient(configuration: configuration)
        var body: [UInt8] = []
        for _ in 0..<50 {
            do {
                body = try await client.perform(verb: "get", method: "GET", path: "/", query: [], body: nil, contentType: nil)
                break
            } catch let error as KubeTransportError where error.kind == .connectFailed {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        #expect(String(decoding: body, as: UTF8.self).contains("Ciphers supported"))

        // The server demands a client certificate: without the cert/key blobs the handshake fails.
        var anonymous = configuration
        anonymous.clientCertificatePEM = nil
        anonymous.clientKeyPEM = nil
        await #expect(throws: KubeTransportError.self) {
            _ = try await KubeClient(configuration: anonymous).perform(verb: "get", method: "GET", path: "/", query: [], body: nil, contentType: nil)
        }

        // Without the CA the server certificate is rejected.
        var untrusted = configuration
        untrusted.certificateAuthorityPEM = try read(folder + "/client.pem")
        await #expect(throws: KubeTransportError.self) {
            _ = try await KubeClient(configuration: untrusted).perform(verb: "get", method: "GET", path: "/", query: [], body: nil, contentType: nil)
        }
        // tls-server-name: the certificate is checked against that name while we still dial 127.0.0.1.
        var named = configuration
        named.tlsServerName = "api.test"
        let namedBody = try await KubeClient(configuration: named).perform(verb: "get", method: "GET", path: "/", query: [], body: nil, contentType: nil)
        #expect(!namedBody.isEmpty)
        var misnamed = configuration
        misnamed.tlsServerName = "wrong.test"
        await #expect(throws: KubeTransportError.self) {
            _ = try await KubeClient(configuration: misnamed).perform(verb: "get", method: "GET", path: "/", query: [], body: nil, contentType: nil)
        }

        // insecure-skip-tls-verify accepts it.
        var insecure = untrusted
        insecure.insecureSkipTLSVerify = true
        let insecureBody = try await KubeClient(configuration: insecure).perform(verb: "get", method: "GET", path: "/", query: [], body: nil, contentType: nil)
        #expect(!insecureBody.isEmpty)
    }
}
