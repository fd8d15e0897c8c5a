import Foundation

/// Locations inside the FileWallBall checkout, for tests and benchmarks.
public enum ProjectPaths {
    /// The repository root: `FWB_REPO_ROOT` if set, else found by walking up from this source file
    /// (or the current directory) to the folder holding `Package.swift` and `hack/`.
    public static var repositoryRoot: URL {
        if let root = ProcessInfo.processInfo.environment["FWB_REPO_ROOT"], !root.isEmpty {
            return URL(fileURLWithPath: root)
        }
        for start in [URL(fileURLWithPath: #filePath), URL(fileURLWithPath: FileManager.default.currentDirectoryPath)] {
            var dir = start
            for _ in 0..<8 {
                let hack = dir.appendingPathComponent("hack/mariadb-start.sh").path
                if FileManager.default.fileExists(atPath: hack) { return dir }
                dir.deleteLastPathComponent()
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// A script under `hack/`.
    public static func hackScript(_ name: String) -> URL {
        repositoryRoot.appendingPathComponent("hack").appendingPathComponent(name)
    }

    /// A new, empty temporary directory whose name starts with `prefix`.
    public static func makeTemporaryDirectory(prefix: String) throws -> URL {
        let base = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        return base
    }
}
