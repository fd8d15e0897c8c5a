import Crypto
import Foundation

/// Content-addressed, incremental copy of the file blobs: `<backup-dir>/blobs/<aa>/<sha256>`.
/// A blob already in the store is never copied again; every copy is temp file + fsync + rename.
struct BlobStore: Sendable {
    /// `<backup-dir>/blobs`.
    let root: URL

    init(backupDirectory: URL) { root = backupDirectory.appendingPathComponent("blobs") }

    /// Store path of a blob.
    func url(for sha256: String) -> URL {
        root.appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(sha256)
    }

    /// Walks `blobDirectory` and stores every regular file not yet in the store. Files whose path, size
    /// and mtime match `previous` (the last manifest) are not re-read. Returns entries and copied count.
    func backUp(blobDirectory: URL, previous: [BackupManifest.Blob]) throws -> (blobs: [BackupManifest.Blob], copied: Int) {
        let known = Dictionary(previous.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var result: [BackupManifest.Blob] = []
        var copied = 0
        // `tmp/` holds the data plane's uploads in flight (not yet files): never part of a backup.
        for relative in try Self.regularFiles(under: blobDirectory) where !relative.hasPrefix("tmp/") {
            let source = blobDirectory.appendingPathComponent(relative)
            let attributes: [FileAttributeKey: Any]
            do { attributes = try FileManager.default.attributesOfItem(atPath: source.path) } catch { throw BackupError.io(error, "stat blob \(relative)") }
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
            let modified = ((attributes[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)).timeIntervalSince1970
            if let old = known[relative], old.size == size, old.mtime == modified,
               FileManager.default.fileExists(atPath: url(for: old.sha256).path) {
                result.append(old)
                continue
            }
            let sha = try Self.hash(of: source)
            if !FileManager.default.fileExists(atPath: url(for: sha).path) {
                try copyVerified(from: source, to: url(for: sha), expected: sha)
                copied += 1
            }
            result.append(BackupManifest.Blob(path: relative, sha256: sha, size: size, mtime: modified))
        }
        return (result.sorted { $0.path < $1.path }, copied)
    }

    /// Throws `backupRejected` unless every blob of the manifest is in the store with the right size.
    func checkPresent(_ blobs: [BackupManifest.Blob]) throws {
        for blob in blobs {
            let size = (try? FileManager.default.attributesOfItem(atPath: url(for: blob.sha256).path)[.size] as? NSNumber)?.int64Value
            guard size == blob.size else {
                throw BackupError(.backupRejected, reason: "blob_missing", "blob \(blob.path) (\(blob.sha256)) is missing or damaged in the blob store")
            }
        }
    }

    /// Puts every blob of the manifest back into `blobDirectory` (files already identical are left alone).
    func restore(_ blobs: [BackupManifest.Blob], into blobDirectory: URL) throws -> Int {
        var written = 0
        for blob in blobs {
            let target = blobDirectory.appendingPathComponent(blob.path)
            if FileManager.default.fileExists(atPath: target.path), (try? Self.hash(of: target)) == blob.sha256 { continue }
            try DurableFiles.ensureDirectory(target.deletingLastPathComponent())
            try copyVerified(from: url(for: blob.sha256), to: target, expected: blob.sha256)
            written += 1
        }
        return written
    }

    /// Deletes store blobs not in `keep`; returns how many were deleted. Failures throw.
    func prune(keeping keep: Set<String>) throws -> Int {
        guard FileManager.default.fileExists(atPath: root.path) else { return 0 }
        var deleted = 0
        for relative in try Self.regularFiles(under: root) {
            let name = (relative as NSString).lastPathComponent
            guard !keep.contains(name) else { continue }
            do { try FileManager.default.removeItem(at: root.appendingPathComponent(relative)) } catch {
                throw BackupError(.pruneFailed, reason: "blob_delete", "cannot delete blob \(relative): \(error)")
            }
            deleted += 1
        }
        return deleted
    }

    /// Copies with a streaming hash check into a temp file beside `destination`, fsync, rename, fsync dir.
    private func copyVerified(from source: URL, to destination: URL, expected: String) throws {
        let directory = destination.deletingLastPathComponent()
        try DurableFiles.ensureDirectory(directory)
        let temp = directory.appendingPathComponent(".fwb-tmp-\(UUID().uuidString.prefix(12))")
        do {
            guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
                throw BackupError(.ioFailed, reason: "create", "cannot create \(temp.path)")
            }
            let input = try FileHandle(forReadingFrom: source)
            defer { try? input.close() }
            let output = try FileHandle(forWritingTo: temp)
            defer { try? output.close() }
            let result = try StreamPump.copy(from: input, to: output, what: "blob \(source.lastPathComponent)")
            guard result.sha256 == expected else {
                throw BackupError(.ioFailed, reason: "blob_changed", "blob \(source.path) changed while it was copied")
            }
            try output.synchronize()
            try DurableFiles.renameReplacing(temp, to: destination)
            try DurableFiles.syncDirectory(directory)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw BackupError.io(error, "copy blob")
        }
    }

    /// sha256 of a file, streamed.
    static func hash(of file: URL) throws -> String {
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: file) } catch { throw BackupError.io(error, "open \(file.path)") }
        defer { try? handle.close() }
        return try StreamPump.copy(from: handle, to: nil, what: file.lastPathComponent).sha256
    }

    /// Relative paths of regular files under `directory`, skipping dot-files (temp files), sorted.
    static func regularFiles(under directory: URL) throws -> [String] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else {
            throw BackupError(.ioFailed, reason: "walk", "cannot list \(directory.path)")
        }
        let base = directory.standardizedFileURL.path
        var paths: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(base + "/") else { continue }
            paths.append(String(full.dropFirst(base.count + 1)))
        }
        return paths.sorted()
    }
}
