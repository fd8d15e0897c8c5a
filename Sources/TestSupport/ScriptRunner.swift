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
        let result = try runProcess("/bin/bash", [ProjectPaths.hackScript(name).path] + arguments)
        guard result.status == 0 else {
            throw ScriptError(script: name, status: result.status, stderr: result.stderr)
        }
        return result.stdout
    }

    /// Runs a program to completion and returns its exit status, stdout and stderr. Output goes to
    /// temp files, not pipes: a daemon the program starts in the background must not be able to keep
    /// us waiting for an end-of-file.
    public static func runProcess(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let base = NSTemporaryDirectory() + "fwb-run-\(UUID().uuidString)"
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
        let out = FileManager.default.contents(atPath: base + ".out") ?? Data()
        let err = FileManager.default.contents(atPath: base + ".err") ?? Data()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
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
