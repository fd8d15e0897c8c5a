import FileWallBallAPI
import Foundation

/// A RestoreRequest's spec checked field by field, with its defaults filled in (`backup: latest`,
/// `safetyBackup: true`): what the controller acts on and records as accepted.
public struct ResolvedRestoreSpec: Sendable, Equatable, Codable {
    /// The value of `spec.backup` that restores the newest verified backup.
    public static let latest = "latest"

    /// `spec.clusterRef.name`.
    public var clusterName: String
    /// `spec.backupPolicyName`; nil when the cluster's only BackupPolicy is meant.
    public var backupPolicyName: String?
    /// `spec.backup`: a backup name or `latest`.
    public var backup: String
    /// `spec.safetyBackup`.
    public var safetyBackup: Bool

    /// Creates a resolved spec (no validation; `init(_:)` validates).
    public init(clusterName: String, backupPolicyName: String? = nil, backup: String = ResolvedRestoreSpec.latest, safetyBackup: Bool = true) {
        self.clusterName = clusterName
        self.backupPolicyName = backupPolicyName
        self.backup = backup
        self.safetyBackup = safetyBackup
    }

    /// Checks `spec` as the CRD schema does (names, patterns, lengths) and fills the defaults; the error
    /// names the offending field.
    public init(_ spec: RestoreRequestSpec) throws(RestoreSpecIssue) {
        let cluster = spec.clusterRef.name
        guard !cluster.isEmpty else { throw RestoreSpecIssue(field: "spec.clusterRef.name", problem: "must not be empty") }
        guard cluster.count <= 63, Self.isDNSLabel(cluster) else {
            throw RestoreSpecIssue(field: "spec.clusterRef.name", problem: "\"\(cluster)\" is not a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)")
        }
        if let policy = spec.backupPolicyName {
            guard !policy.isEmpty, policy.count <= 253, policy.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ Self.isDNSLabel(String($0)) }) else {
                throw RestoreSpecIssue(field: "spec.backupPolicyName", problem: "\"\(policy)\" is not a DNS-1123 subdomain")
            }
        }
        let backup = spec.backup ?? Self.latest
        guard Self.isBackupName(backup) else {
            throw RestoreSpecIssue(field: "spec.backup", problem: "\"\(backup)\" is neither latest nor a backup name (letters, digits, '.', '_', '-', at most 253 characters)")
        }
        self.init(clusterName: cluster, backupPolicyName: spec.backupPolicyName, backup: backup, safetyBackup: spec.safetyBackup ?? true)
    }

    /// Whether the newest verified backup is asked for.
    public var isLatest: Bool { backup == Self.latest }

    /// The spec as compact JSON with sorted keys (the value of the accepted-spec annotation).
    public var canonicalJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads `canonicalJSON` back; nil when the text is not such a document.
    public init?(canonicalJSON text: String) {
        guard let value = try? JSONDecoder().decode(Self.self, from: Data(text.utf8)) else { return nil }
        self = value
    }

    /// `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`, at most 63 characters.
    private static func isDNSLabel(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 63 else { return false }
        let isAlphanumeric = { (byte: UInt8) in (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) }
        return isAlphanumeric(first) && isAlphanumeric(last) && bytes.allSatisfy { isAlphanumeric($0) || $0 == 0x2d }
    }

    /// `SchemaPatterns.backupName`: `latest` or `[A-Za-z0-9][A-Za-z0-9._-]{0,252}`.
    private static func isBackupName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= 253 else { return false }
        let isAlphanumeric = { (byte: UInt8) in
            (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x30 && byte <= 0x39)
        }
        return isAlphanumeric(first) && bytes.allSatisfy { isAlphanumeric($0) || $0 == 0x2e || $0 == 0x5f || $0 == 0x2d }
    }
}

/// Why a RestoreRequest's spec cannot be acted on: the field, and what is wrong with it.
public struct RestoreSpecIssue: Error, Sendable, Equatable {
    /// The offending field, as a path (`spec.backup`).
    public var field: String
    /// What is wrong with it.
    public var problem: String

    /// Creates an issue.
    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }

    /// `field: problem`, the condition message.
    public var message: String { "\(field): \(problem)" }
}
