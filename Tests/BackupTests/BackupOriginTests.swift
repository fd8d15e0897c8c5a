import Foundation
import Testing
@testable import Backup

/// Where each backup came from: recorded in new manifests, derived from `kind` in older ones, and
/// `restore --latest` never picks a safety backup.
@Suite struct BackupOriginTests {
    let directory: URL
    let start = Date(timeIntervalSince1970: 1_767_232_800) // 2026-01-01 02:00:00 UTC

    init() throws {
        directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fwb-origin-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// A fake finished backup; `origin: nil` writes the manifest as versions before `origin` did.
    func fakeBackup(minutes: Double, kind: BackupManifest.Kind, origin: BackupOrigin?, verified: Bool = true) throws -> String {
        let date = start.addingTimeInterval(minutes * 60)
        let name = BackupNaming.name(for: date, compression: .gzip)
        try Data("fake".utf8).write(to: directory.appendingPathComponent(name))
        let manifest = BackupManifest(name: name, database: "filewallball", kind: kind, origin: origin, sha256: "00", size: 4,
                                      compression: .gzip, startedAt: date, finishedAt: date, serverVersion: "test", tools: [:],
                                      tables: [], blobs: [], verification: verified ? .init(level: "checksum", verifiedAt: date) : nil)
        let encoded = try manifest.encoded()
        if origin == nil {
            #expect(!String(decoding: encoded, as: UTF8.self).contains("origin"), "an old manifest has no origin field")
        }
        try encoded.write(to: directory.appendingPathComponent(name + ".manifest.json"))
        return name
    }

    func entries() throws -> [String: BackupEntry] {
        Dictionary(uniqueKeysWithValues: try BackupDirectory(url: directory).list().map { ($0.name, $0) })
    }

    @Test func oldManifestsReadAsScheduledOrSafetyAndNewOnesKeepTheirOrigin() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let oldBackup = try fakeBackup(minutes: 0, kind: .backup, origin: nil)
        let oldSafety = try fakeBackup(minutes: 1, kind: .safety, origin: nil)
        let onDemand = try fakeBackup(minutes: 2, kind: .backup, origin: .onDemand)
        let safety = try fakeBackup(minutes: 3, kind: .safety, origin: .safety)
        let listed = try entries()
        #expect(listed[oldBackup]?.origin == .scheduled)
        #expect(listed[oldSafety]?.origin == .safety)
        #expect(listed[onDemand]?.origin == .onDemand)
        #expect(listed[onDemand]?.kind == .backup)
        #expect(listed[safety]?.origin == .safety)
        #expect(listed[safety]?.kind == .safety)
        // The origin round-trips through the manifest file; older readers still find `kind`.
        let text = try String(contentsOf: directory.appendingPathComponent(onDemand + ".manifest.json"), encoding: .utf8)
        #expect(text.contains(#""origin" : "on-demand""#) && text.contains(#""kind" : "backup""#))
        #expect(BackupOrigin.safety.kind == .safety && BackupOrigin.onDemand.kind == .backup && BackupOrigin.scheduled.kind == .backup)
    }

    @Test func latestSkipsSafetyBackupsEvenWhenTheyAreNewer() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = BackupDirectory(url: directory)
        let scheduled = try fakeBackup(minutes: 0, kind: .backup, origin: .scheduled)
        _ = try fakeBackup(minutes: 5, kind: .backup, origin: .onDemand, verified: false)
        _ = try fakeBackup(minutes: 10, kind: .safety, origin: .safety)
        _ = try fakeBackup(minutes: 11, kind: .safety, origin: nil)
        #expect(try RestoreEngine.resolve(.latest, in: store) == scheduled)
        let onDemand = try fakeBackup(minutes: 12, kind: .backup, origin: .onDemand)
        #expect(try RestoreEngine.resolve(.latest, in: store) == onDemand)
    }

    @Test func latestWithOnlySafetyBackupsIsNotFoundButTheyRestoreByName() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = BackupDirectory(url: directory)
        let safety = try fakeBackup(minutes: 0, kind: .safety, origin: .safety)
        let error = #expect(throws: BackupError.self) { try RestoreEngine.resolve(.latest, in: store) }
        #expect(error?.code == .backupNotFound)
        #expect(error?.reason == "no_verified_backup")
        #expect(error?.message.contains("safety") == true)
        #expect(try RestoreEngine.resolve(.file(safety), in: store) == safety)
    }
}
