import Foundation

/// Applies a retention policy to the backup directory and drops blobs no kept backup references.
struct BackupPruner: Sendable {
    let directory: BackupDirectory
    let clock: any BackupClock

    /// Deletes expired backups (file + manifest), stale partial files and unreferenced blobs.
    /// Returns the deleted backup names and blob count. Any failure throws `pruneFailed`.
    func prune(policy: RetentionPolicy) throws -> (backups: [String], blobs: Int) {
        let now = clock.now()
        let protected = (try? RestoreJournal.load(from: directory.url))??.protectedNames ?? []
        if FileManager.default.fileExists(atPath: RestoreJournal.url(in: directory.url).path), protected.isEmpty {
            throw BackupError(.pruneFailed, reason: "journal_unreadable", "restore journal unreadable; not pruning")
        }
        let entries = try directory.list()
        let doomed = policy.namesToDelete(entries, now: now, protected: protected)
        for name in doomed {
            for url in [directory.manifestURL(name), directory.fileURL(name)] where FileManager.default.fileExists(atPath: url.path) {
                do { try FileManager.default.removeItem(at: url) } catch {
                    throw BackupError(.pruneFailed, reason: "delete", "cannot delete \(url.lastPathComponent): \(error)")
                }
            }
        }
        try removeStaleSideFiles(now: now, maxAge: TimeInterval(policy.retentionDays) * 86_400)
        let kept = try directory.list().map(\.name)
        var referenced = Set<String>()
        for name in kept {
            let manifest: BackupManifest?
            do { manifest = try directory.manifest(for: name) } catch {
                throw BackupError(.pruneFailed, reason: "manifest_unreadable", "cannot read manifest of kept backup \(name); not pruning blobs")
            }
            for blob in manifest?.blobs ?? [] { referenced.insert(blob.sha256) }
        }
        let blobCount = try BlobStore(backupDirectory: directory.url).prune(keeping: referenced)
        try DurableFiles.syncDirectory(directory.url)
        return (doomed, blobCount)
    }

    /// Partial files older than a day and manifests without a backup file older than the retention age.
    private func removeStaleSideFiles(now: Date, maxAge: TimeInterval) throws {
        for name in try directory.allNames() {
            let url = directory.url.appendingPathComponent(name)
            let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? now
            let age = now.timeIntervalSince(modified)
            var stale = false
            if name.hasSuffix(BackupNaming.partialSuffix) { stale = age > 86_400 }
            if name.hasSuffix(BackupNaming.manifestSuffix) {
                let backupName = String(name.dropLast(BackupNaming.manifestSuffix.count))
                stale = !FileManager.default.fileExists(atPath: directory.fileURL(backupName).path) && age > maxAge
            }
            guard stale else { continue }
            do { try FileManager.default.removeItem(at: url) } catch {
                throw BackupError(.pruneFailed, reason: "delete", "cannot delete \(name): \(error)")
            }
        }
    }
}
