import Foundation
import TestSupport
import Testing

/// Every kind of bad backup is refused before anything is touched.
@Suite struct BadBackupTests {
    enum Damage: String, CaseIterable, Sendable {
        case corruptGzip, truncated, checksumMismatch, missingManifest, foreignManifest
    }

    @Test(arguments: Damage.allCases)
    func badBackupIsRefusedAndLiveDataUntouched(_ damage: Damage) async throws {
        let db = try await TestDatabase.make()
        try await withCleanup({ await db.cleanUp() }) {
            try await Seed.stateA(db)
            let backup = try await db.backup()
            let name = try #require(backup.json["name"] as? String)
            try await Seed.stateB(db)
            let live = try await db.contents()
            let file = db.backupDir.appendingPathComponent(name)
            let manifestURL = db.backupDir.appendingPathComponent(name + ".manifest.json")
            let expectedReason: String
            switch damage {
            case .corruptGzip:
                var data = try Data(contentsOf: file)
                for i in stride(from: 20, to: data.count - 10, by: 7) { data[i] ^= 0x5A }
                try data.write(to: file)
                // The manifest agrees with the damaged bytes: only the gzip framing check can catch it.
                try editManifest(manifestURL) { $0["sha256"] = sha256Hex(data); $0["size"] = data.count }
                expectedReason = "corrupt_compression"
            case .truncated:
                let data = try Data(contentsOf: file)
                try data.prefix(data.count / 2).write(to: file)
                expectedReason = "truncated"
            case .checksumMismatch:
                var data = try Data(contentsOf: file)
                data[data.count / 2] ^= 0x01
                try data.write(to: file)
                expectedReason = "checksum_mismatch"
            case .missingManifest:
                try FileManager.default.removeItem(at: manifestURL)
                expectedReason = "missing_manifest"
            case .foreignManifest:
                try editManifest(manifestURL) { $0["database"] = "filewallball_someone_else" }
                expectedReason = "foreign_database"
            }
            let filesBefore = db.backupFiles()
            let result = try await db.restore(["--file", name])
            #expect(result.status == 21, "\(result.stdout) \(result.stderr)")
            #expect(result.json["reason"] as? String == expectedReason)
            #expect(try await db.contents() == live)
            #expect(db.readBlob("cc/three.bin") == "new after backup")
            #expect(db.readBlob("aa/one.bin") == "overwritten")
            #expect(try await db.leftoverDatabases().isEmpty)
            #expect(db.backupFiles() == filesBefore, "no safety backup or other file is written for a refused backup")
        }
    }

    private func editManifest(_ url: URL, _ change: (inout [String: Any]) -> Void) throws {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        change(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
    }
}
