import Foundation

/// A `filewallball serve` child process on free 127.0.0.1 ports, for end-to-end tests.
// Safety: every stored property is a constant; the Process is started in init, then only signalled or queried, which Foundation allows from any thread.
public final class ServeProcess: @unchecked Sendable {
    /// Public port.
    public let port: Int
    /// Admin port.
    public let adminPort: Int
    /// Where its stderr goes.
    public let logPath: String
    private let process: Process

    /// The built `filewallball` binary: `FWB_BIN`, else next to the running test bundle, else .build/debug.
    public static var binaryPath: String {
        if let bin = ProcessInfo.processInfo.environment["FWB_BIN"], !bin.isEmpty { return bin }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("filewallball").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        let inBundle = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("filewallball").path
        if FileManager.default.isExecutableFile(atPath: inBundle) { return inBundle }
        return ProjectPaths.repositoryRoot.appendingPathComponent(".build/debug/filewallball").path
    }

    /// A free TCP port on 127.0.0.1.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, len) == 0 && getsockname(fd, pointer, &len) == 0
            }
        }
        guard bound else { throw RawHTTPError.connect(errno) }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Starts `serve` with these FWB_* variables (listen addresses are added) and waits until
    /// /healthz answers (up to `timeout` seconds).
    public init(environment: [String: String], timeout: Double = 60) throws {
        port = try Self.freePort()
        adminPort = try Self.freePort()
        logPath = NSTemporaryDirectory() + "fwb-serve-\(UUID().uuidString.prefix(8)).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binaryPath)
        process.arguments = ["serve"]
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        env["FWB_LISTEN"] = "127.0.0.1:\(port)"
        env["FWB_ADMIN_LISTEN"] = "127.0.0.1:\(adminPort)"
        process.environment = env
        process.standardOutput = FileHandle(forWritingAtPath: logPath)
        process.standardError = FileHandle(forWritingAtPath: logPath)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !process.isRunning { throw ScriptError(script: "filewallball serve", status: process.terminationStatus, stderr: log) }
            if let reply = try? RawHTTP.request(port: port, method: "GET", path: "/healthz", timeout: 2), reply.status == 200 { return }
            usleep(100_000)
        }
        process.terminate()
        throw ScriptError(script: "filewallball serve", status: -1, stderr: "did not become healthy in \(timeout)s\n" + log)
    }

    /// What the process logged so far.
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
    /// Its pid.
    public var pid: Int32 { process.processIdentifier }
    /// Whether it is still running.
    public var isRunning: Bool { process.isRunning }
    /// The exit status once it has exited (nil while running).
    public var exitStatus: Int32? { process.isRunning ? nil : process.terminationStatus }

    /// SIGTERM and wait.
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// SIGKILL and wait.
    public func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) } }
}
