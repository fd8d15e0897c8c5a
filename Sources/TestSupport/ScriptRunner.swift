import Foundation

/// Why running a hack/ script failed.
public struct ScriptError: Error, CustomStringConvertible {
    /// The script that failed.
    public var script: String
    /// Its exit status.
    public var status: Int32
    /// What it printed on stderr.
    public var stderr: String
    /// One line for test output.
    public var description: String { "\(script) exited \(status): \(stderr)" }
}

/// Runs hack/ scripts and parses their `KEY=VALUE` output.
public enum ScriptRunner {
    /// Runs `hack/<name> args...` with bash and returns stdout; throws `ScriptError` on non-zero exit.
    @discardableResult
    public static func run(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [ProjectPaths.hackScript(name).path] + arguments
        // Output goes to temp files, not pipes: a daemon the script starts in the background must not
        // be able to keep us waiting for an end-of-file.
        let base = NSTemporaryDirectory() + "fwb-script-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: base + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: base + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        process.standardOutput = FileHandle(forWritingAtPath: base + ".out")
        process.standardError = FileHandle(forWritingAtPath: base + ".err")
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let outData = FileManager.default.contents(atPath: base + ".out") ?? Data()
        let errData = FileManager.default.contents(atPath: base + ".err") ?? Data()
        let stdout = String(decoding: outData, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw ScriptError(script: name, status: process.terminationStatus, stderr: String(decoding: errData, as: UTF8.self))
        }
        return stdout
    }

    /// Parses `KEY=VALUE` lines into a dictionary (other lines are ignored).
    public static func parseEnvironment(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            result[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        return result
    }
}
