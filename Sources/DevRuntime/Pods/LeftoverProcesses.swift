import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Each container's process-group id is recorded in its Pod's directory (`pids/<container>`), so a
/// runtime that starts after one that was killed (no Ctrl-C, no cleanup) stops what that one left
/// running — by pid, and only when the pid is still a bubblewrap sandbox (not a recycled pid).
enum LeftoverProcesses {
    /// Records a started container.
    static func record(pid: pid_t, directory: String, container: String) {
        let folder = "\(directory)/pids"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: "\(folder)/\(container)", contents: Data(String(pid).utf8))
    }

    /// Stops every recorded group that is still a sandbox; returns how many were stopped.
    static func reap(podsDirectory: String, bubblewrap: String) -> Int {
        var stopped = 0
        for pod in (try? FileManager.default.contentsOfDirectory(atPath: podsDirectory)) ?? [] {
            let folder = "\(podsDirectory)/\(pod)/pids"
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                let file = "\(folder)/\(entry)"
                defer { try? FileManager.default.removeItem(atPath: file) }
                guard let text = try? String(contentsOfFile: file, encoding: .utf8), let pid = pid_t(text), pid > 1,
                      let commandLine = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                      String(decoding: commandLine.prefix { $0 != 0 }, as: UTF8.self) == bubblewrap else { continue }
                kill(-pid, SIGKILL)
                stopped += 1
            }
        }
        return stopped
    }
}
