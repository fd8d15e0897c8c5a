import Foundation

/// First lines of `--version` of the external tools, for the manifest.
enum ToolVersions {
    /// Versions of mariadb-dump, mariadb and the compressor, plus this engine.
    static func collect(compression: Compression) -> [String: String] {
        var tools = ["filewallball-backup": BackupEngine.engineVersion,
                     "mariadb-dump": firstLine(["mariadb-dump", "--version"]),
                     "mariadb": firstLine(["mariadb", "--version"])]
        switch compression {
        case .gzip: tools["gzip"] = firstLine(["gzip", "--version"])
        case .zstd: tools["zstd"] = firstLine(["zstd", "--version"])
        case .none: break
        }
        return tools
    }

    private static func firstLine(_ arguments: [String]) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "unavailable" }
        let data = (try? pipe.fileHandleForReading.read(upToCount: 4096)) ?? nil
        process.waitUntilExit()
        return String(decoding: data ?? Data(), as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "unknown"
    }
}
