import Foundation

/// Every failure of the backup and restore engine, with a stable machine code and a process exit code.
public struct BackupError: Error, Sendable, CustomStringConvertible {
    /// Stable machine-readable failure classes; each maps to one process exit code.
    public enum Code: String, Sendable, CaseIterable {
        case badArguments = "bad_arguments"
        case databaseUnavailable = "database_unavailable"
        case dumpFailed = "dump_failed"
        case verificationFailed = "verification_failed"
        case noSpace = "no_space"
        case pruneFailed = "prune_failed"
        case busy = "busy"
        case backupNotFound = "backup_not_found"
        case backupRejected = "backup_rejected"
        case restoreFailed = "restore_failed"
        case ioFailed = "io_failed"
        case internalError = "internal_error"
    }

    /// The failure class.
    public let code: Code
    /// Which check or step failed (stable snake_case detail, e.g. `checksum_mismatch`).
    public let reason: String
    /// Human-readable explanation.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, reason: String, _ message: String) {
        self.code = code
        self.reason = reason
        self.message = message
    }

    /// The process exit code for this failure (documented in docs/backup-restore.md).
    public var exitCode: Int32 { Self.exitCode(for: code) }

    /// The process exit code of a failure class.
    public static func exitCode(for code: Code) -> Int32 {
        switch code {
        case .internalError: return 1
        case .databaseUnavailable: return 10
        case .dumpFailed: return 11
        case .verificationFailed: return 12
        case .noSpace: return 13
        case .pruneFailed: return 14
        case .busy: return 15
        case .ioFailed: return 16
        case .backupNotFound: return 20
        case .backupRejected: return 21
        case .restoreFailed: return 22
        case .badArguments: return 64
        }
    }

    /// One line: code, reason and message.
    public var description: String { "\(code.rawValue) (\(reason)): \(message)" }

    /// Passes a `BackupError` through; wraps anything else (e.g. a SQL error) as `code` with `reason`.
    static func wrap(_ error: any Error, _ code: Code, reason: String, _ what: String) -> BackupError {
        if let backup = error as? BackupError { return backup }
        return BackupError(code, reason: reason, "\(what): \(error)")
    }

    /// Wraps a file-system error, classifying ENOSPC/EDQUOT as `noSpace`.
    static func io(_ error: any Error, _ what: String) -> BackupError {
        if let backup = error as? BackupError { return backup }
        let ns = error as NSError
        let posix = ns.domain == NSPOSIXErrorDomain ? Int32(ns.code) : (ns.userInfo[NSUnderlyingErrorKey] as? NSError).map { Int32($0.code) } ?? 0
        if posix == ENOSPC || posix == EDQUOT || ns.code == NSFileWriteOutOfSpaceError {
            return BackupError(.noSpace, reason: "no_space", "\(what): no space left on device")
        }
        return BackupError(.ioFailed, reason: "io", "\(what): \(error)")
    }
}
