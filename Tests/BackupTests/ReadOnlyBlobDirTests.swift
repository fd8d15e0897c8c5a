import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestSupport
import Testing

/// The backup CronJob mounts the blob volume read-only: `backup` only reads `--blob-dir`.
@Suite struct ReadOnlyBlobDirTests {
    /// Every entry under `root` with its type, size, mode and modification time (ns), sorted.
    static func snapshot(_ root: URL) throws -> [String] {
        var lines: [String] = []
        func visit(_ url: URL, _ relative: String) throws {
            var info = stat()
            guard lstat(url.path, &info) == 0 else { throw TestFailure("lstat \(url.path)") }
            lines.append("\(relative) mode=\(String(info.st_mode, radix: 8)) size=\(info.st_size) mtime=\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) ctime=\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)")
            guard (info.st_mode & S_IFMT) == S_IFDIR else { return }
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() {
                try visit(url.appendingPathComponent(name), relative + "/" + name)
            }
        }
        try visit(root, ".")
        return lines
    }

    @Test
    func backupFromAReadOnlyMountWritesNothingThere() async throws {
        let db = try await TestDatabase.make()
        try await withCleanup({ await db.cleanUp() }) {
            try await Seed.stateA(db)
            // The data plane's layout: blobs, plus an upload in flight under tmp/ (never backed up).
            try db.writeBlob("tmp/host.1.upload.part", "in flight")
            let before = try Self.snapshot(db.blobDir)

            // In a private mount namespace, the blob folder is bind-mounted read-only onto itself (so the
            // paths are the real ones), a write there is shown to fail, then the real binary runs.
            let script = #"""
                mount --bind -o ro "$FWB_RO_DIR" "$FWB_RO_DIR" || exit 97
                if touch "$FWB_RO_DIR/.write-probe" 2>/dev/null; then exit 98; fi
                exec "$0" "$@"
                """#
            let launcher = ["/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", script]
            let arguments = ["backup", "--backup-dir", db.backupDir.path, "--blob-dir", db.blobDir.path, "--verify", "checksum"]
            var result = CommandResult(status: 97, stdout: "", stderr: "")
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") {
                result = try await BinaryRunner.start(arguments, environment: ["FWB_DATABASE_URL": db.url, "FWB_RO_DIR": db.blobDir.path],
                                                      launcher: launcher).wait()
            }
            #expect(result.status != 98, "the bind mount was not read-only")
            let readOnlyMount = result.status != 97 && !result.stderr.contains("unshare:")
            if !readOnlyMount {
                // No mount namespace here (no CAP_SYS_ADMIN): the snapshot comparison below is the check.
                result = try await db.backup(["--verify", "checksum"])
            }
            #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
            #expect(result.json["blobs"] as? Int == 2, "\(result.stdout)")
            #expect(result.json["blobs_copied"] as? Int == 2)
            #expect(try Self.snapshot(db.blobDir) == before, "backup changed something in the blob folder")

            // The backup is complete: its blobs restore.
            let name = try #require(result.json["name"] as? String)
            try FileManager.default.removeItem(at: db.blobDir.appendingPathComponent("aa"))
            let restore = try await db.restore(["--file", name, "--no-safety-backup"])
            #expect(restore.status == 0, "\(restore.stderr)")
            #expect(db.readBlob("aa/one.bin") == "blob one")
        }
    }
}
