import Foundation
import KubeClient

/// What one backup run reported in its termination message: the backup command's final JSON (success
/// or failure), or text that is not that JSON (the log tail `FallbackToLogsOnError` gives), which
/// counts as a failure.
public enum BackupRunResult: Sendable, Equatable {
    /// `{"status":"ok", "name", "taken_at", "verified", ...}`.
    case succeeded(BackupRunReport)
    /// `{"status":"error", "code", "reason", "message", "exit_code"}`.
    case failed(BackupRunFailure)
    /// Not the command's JSON (the text, as Kubernetes kept it).
    case unreadable(String)

    /// Reads a termination message.
    public init(terminationMessage text: String) {
        guard let value = try? JSONParser.parse(text), let object = value.objectValue else {
            self = .unreadable(text)
            return
        }
        switch object["status"]?.stringValue {
        case "ok":
            if let report = BackupRunReport(object) { self = .succeeded(report) } else { self = .unreadable(text) }
        case "error":
            self = .failed(BackupRunFailure(
                code: object["code"]?.stringValue ?? "internal_error", reason: object["reason"]?.stringValue ?? "",
                message: object["message"]?.stringValue ?? "", exitCode: object["exit_code"]?.intValue.map { Int($0) }))
        default:
            self = .unreadable(text)
        }
    }
}

/// The success JSON of `filewallball backup` (`BackupReport` with snake_case keys).
public struct BackupRunReport: Sendable, Equatable {
    /// Backup file name.
    public var name: String
    /// `scheduled`, `on-demand` or `safety`.
    public var origin: String?
    /// When it was taken.
    public var takenAt: Date
    /// Dump size in bytes.
    public var sizeBytes: Int?
    /// SHA-256 of the dump.
    public var sha256: String?
    /// Whether verification passed (the command never reports an unverified success; checked anyway).
    public var verified: Bool
    /// Wall time of the run, seconds.
    public var durationSeconds: Double?
    /// Backups deleted by retention in this run.
    public var prunedBackups: [String]
    /// Whether the command shortened the document to fit the 4096-byte termination message.
    public var truncated: Bool

    /// Creates a report.
    public init(name: String, origin: String? = nil, takenAt: Date, sizeBytes: Int? = nil, sha256: String? = nil, verified: Bool,
                durationSeconds: Double? = nil, prunedBackups: [String] = [], truncated: Bool = false) {
        self.name = name
        self.origin = origin
        self.takenAt = takenAt
        self.sizeBytes = sizeBytes
        self.sha256 = sha256
        self.verified = verified
        self.durationSeconds = durationSeconds
        self.prunedBackups = prunedBackups
        self.truncated = truncated
    }

    /// Reads the JSON object; nil without a name or a parsable `taken_at`.
    init?(_ object: JSONObject) {
        guard let name = object["name"]?.stringValue, !name.isEmpty,
              let takenText = object["taken_at"]?.stringValue, let takenAt = KubeTime.parse(takenText) else { return nil }
        self.init(name: name, origin: object["origin"]?.stringValue, takenAt: takenAt,
                  sizeBytes: object["size"]?.intValue.map { Int($0) }, sha256: object["sha256"]?.stringValue,
                  verified: object["verified"]?.boolValue ?? false, durationSeconds: object["duration_seconds"]?.doubleValue,
                  prunedBackups: object["pruned_backups"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                  truncated: object["truncated"]?.boolValue ?? false)
    }
}

/// The failure JSON of `filewallball backup` and `restore`.
public struct BackupRunFailure: Sendable, Equatable {
    /// Stable failure class (`verification_failed`, `database_unavailable`, ...).
    public var code: String
    /// Which check or step failed (snake_case).
    public var reason: String
    /// Human-readable explanation.
    public var message: String
    /// The process exit code.
    public var exitCode: Int?

    /// Creates a failure.
    public init(code: String, reason: String, message: String, exitCode: Int? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.exitCode = exitCode
    }

    /// The code as a condition reason: `verification_failed` → `VerificationFailed`.
    public var conditionReason: String { BackupRunFailure.camelCase(code) }

    /// snake_case to CamelCase; `JobFailed` when nothing usable is left.
    static func camelCase(_ code: String) -> String {
        let words = code.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
        let joined = words.map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined()
        guard let first = joined.first, first.isLetter else { return "JobFailed" }
        return joined
    }
}
