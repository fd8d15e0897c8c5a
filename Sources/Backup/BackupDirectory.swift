import Foundation

/// One finished backup in the backup directory, as `restore --list` shows it.
public struct BackupEntry: Sendable, Codable, Equatable {
    /// File name.
    public var name: String
    /// When it was taken (from the name, UTC).
    public var takenAt: Date
    /// File size in bytes.
    public var size: Int64
    /// True when a manifest with a passed verification is beside it.
    public var verified: Bool
    /// `backup` or `safety` (nil without a readable manifest).
    public var kind: BackupManifest.Kind?
    /// What took it: `scheduled`, `on-demand` or `safety` (nil without a readable manifest; `scheduled`
    /// or `safety` from `kind` for manifests older than the field).
    public var origin: BackupOrigin?

    /// Creates an entry.
    public init(name: String, takenAt: Date, size: Int64, verified: Bool, kind: BackupManifest.Kind?, origin: BackupOrigin? = nil) {
        self.name = name
        self.takenAt = takenAt
        self.size = size
        self.verified = verified
        self.kind = kind
        self.origin = origin ?? kind.map { $0 == .safety ? .safety : .scheduled }
    }
}

/// The backup directory: finished backups, their manifests, partial files and the restore journal.
struct BackupDirectory: Sendable {
    let url: URL

    func fileURL(_ name: String) -> URL { url.appendingPathComponent(name) }
    func manifestURL(_ name: String) -> URL { url.appendingPathComponent(name + BackupNaming.manifestSuffix) }
    func partialURL(_ name: String) -> URL { url.appendingPathComponent(name + BackupNaming.partialSuffix) }

    /// Reads a manifest; nil when the file is missing; throws `backupRejected` when unreadable.
    func manifest(for name: String) throws -> BackupManifest? {
        let url = manifestURL(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do { return try BackupManifest.decode(Data(contentsOf: url)) } catch {
            throw BackupError(.backupRejected, reason: "bad_manifest", "manifest of \(name) is unreadable: \(error)")
        }
    }

    /// Finished backups, newest first.
    func list() throws -> [BackupEntry] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: url.path) } catch {
            if !FileManager.default.fileExists(atPath: url.path) { return [] }
            throw BackupError.io(error, "list \(url.path)")
        }
        var entries: [BackupEntry] = []
        for name in names where BackupNaming.isBackupName(name) {
            guard let takenAt = BackupNaming.date(of: name) else { continue }
            let size = (try? FileManager.default.attributesOfItem(atPath: fileURL(name).path)[.size] as? NSNumber)?.int64Value ?? 0
            let manifest = try? manifest(for: name)
            let verified = manifest.map { $0.verification != nil && $0.name == name } ?? false
            entries.append(BackupEntry(name: name, takenAt: takenAt, size: size, verified: verified, kind: manifest?.kind,
                                       origin: manifest?.resolvedOrigin))
        }
        return entries.sorted { ($0.takenAt, $0.name) > ($1.takenAt, $1.name) }
    }

    /// All file names in the directory (for pruning side files).
    func allNames() throws -> [String] {
        do { return try FileManager.default.contentsOfDirectory(atPath: url.path) } catch { throw BackupError.io(error, "list \(url.path)") }
    }
}
