import Foundation

/// A generated CA and a server certificate for 127.0.0.1/localhost, made with the `openssl` tool.
struct TLSMaterial: Sendable {
    let caPEM: String
    let certificatePEM: String
    let keyPEM: String

    /// Generates (or reuses from `directory`) the CA and server certificate.
    static func make(in directory: String) throws -> TLSMaterial {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = { (name: String) in (directory as NSString).appendingPathComponent(name) }
        if !FileManager.default.fileExists(atPath: path("server.crt")) {
            let ext = path("san.ext")
            try "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
                .write(toFile: ext, atomically: true, encoding: .utf8)
            try run(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "3650",
                "-subj", "/CN=kubesim-ca", "-keyout", path("ca.key"), "-out", path("ca.crt")])
            try run(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=kubesim",
                "-keyout", path("server.key"), "-out", path("server.csr")])
            try run(["x509", "-req", "-in", path("server.csr"), "-CA", path("ca.crt"), "-CAkey", path("ca.key"),
                "-CAcreateserial", "-days", "3650", "-extfile", ext, "-out", path("server.crt")])
        }
        return TLSMaterial(caPEM: try String(contentsOfFile: path("ca.crt"), encoding: .utf8),
            certificatePEM: try String(contentsOfFile: path("server.crt"), encoding: .utf8),
            keyPEM: try String(contentsOfFile: path("server.key"), encoding: .utf8))
    }

    private static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw KubeSimError(code: "tls_generation_failed", message: "openssl \(arguments.first ?? "") exited \(process.terminationStatus)")
        }
    }
}
