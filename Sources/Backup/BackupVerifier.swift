import Foundation

/// Checks a backup file against its manifest: `checksum` (sha256 + compression framing) or
/// `restore-test` (load into `filewallball_verify_<random>`, compare counts and checksums, drop it).
struct BackupVerifier: Sendable {
    let inspector: DatabaseInspector
    let options: ClientOptionsFile
    let progress: ProgressReporter

    /// Throws `verificationFailed` with the failing check as `reason`.
    func verify(file: URL, manifest: BackupManifest, level: VerificationLevel) async throws {
        switch level {
        case .checksum:
            try await checkIntegrity(file: file, manifest: manifest, failure: .verificationFailed)
        case .restoreTest:
            let scratch = "filewallball_verify_\(UUID().uuidString.prefix(8).lowercased())"
            do { try await inspector.createDatabase(scratch) } catch {
                throw BackupError.wrap(error, .verificationFailed, reason: "scratch_database", "cannot create scratch database \(scratch)")
            }
            do {
                try await load(file: file, manifest: manifest, into: scratch, failure: .verificationFailed)
                try await compare(database: scratch, with: manifest, failure: .verificationFailed)
                try await inspector.dropDatabase(scratch)
            } catch {
                try? await inspector.dropDatabase(scratch)
                throw BackupError.wrap(error, .verificationFailed, reason: "restore_test", "restore-test of \(manifest.name) failed")
            }
        }
    }

    /// Streams the file: sha256 must match the manifest and the compression framing must be intact.
    func checkIntegrity(file: URL, manifest: BackupManifest, failure: BackupError.Code) async throws {
        let (options, progress) = (self.options, self.progress)
        let outcome = try await runBlocking("fwb-verify") {
            try LoadPipeline.run(file: file, compression: manifest.compression, sink: .frameTest, options: options,
                                 progress: progress, phase: "verify")
        }
        guard outcome.sha256 == manifest.sha256 else {
            throw BackupError(failure, reason: "checksum_mismatch", "sha256 of \(manifest.name) is \(outcome.sha256), manifest says \(manifest.sha256)")
        }
        guard outcome.failures.isEmpty else {
            throw BackupError(failure, reason: "corrupt_compression", "compression framing of \(manifest.name) is broken: \(outcome.failures.joined(separator: "; "))")
        }
    }

    /// Loads the file into `database` (which must exist), checking the sha256 on the way.
    func load(file: URL, manifest: BackupManifest, into database: String, failure: BackupError.Code) async throws {
        let (options, progress) = (self.options, self.progress)
        let outcome = try await runBlocking("fwb-load") {
            try LoadPipeline.run(file: file, compression: manifest.compression, sink: .database(database), options: options,
                                 progress: progress, phase: "load")
        }
        guard outcome.sha256 == manifest.sha256 else {
            throw BackupError(failure, reason: "checksum_mismatch", "sha256 of \(manifest.name) changed while loading")
        }
        guard outcome.failures.isEmpty else {
            throw BackupError(failure, reason: "load_failed", "loading \(manifest.name) failed: \(outcome.failures.joined(separator: "; "))")
        }
    }

    /// Tables, row counts and CHECKSUM TABLE of `database` must equal the manifest's.
    func compare(database: String, with manifest: BackupManifest, failure: BackupError.Code) async throws {
        let tables = try await inspector.tables(in: database)
        guard tables == manifest.tables.map(\.name) else {
            throw BackupError(failure, reason: "table_mismatch", "tables \(tables) differ from manifest \(manifest.tables.map(\.name))")
        }
        let actual = try await inspector.snapshot(of: tables, in: database)
        for (got, want) in zip(actual, manifest.tables) {
            guard got.rows == want.rows else {
                throw BackupError(failure, reason: "row_count_mismatch", "table \(want.name): \(got.rows) rows, manifest says \(want.rows)")
            }
            guard got.checksum == want.checksum else {
                throw BackupError(failure, reason: "table_checksum_mismatch", "table \(want.name): CHECKSUM TABLE differs from manifest")
            }
        }
    }
}
