/// Names and labels of the Jobs started for a BackupPolicy or a RestoreRequest: deterministic, so a
/// controller that restarts finds the Job it already created instead of starting another.
public enum BackupJobNames {
    /// The label naming what started a backup or restore Job (`BackupJobKind` raw values).
    public static let kindLabel = "filewallball.io/backup-job"
    /// The longest Job name (its `job-name` label value is limited to 63 characters).
    public static let maxLength = 63

    /// `P-now-<first 8 hex of the FNV-1a digest of the value>`: the on-demand Job for one backup-now annotation value.
    public static func onDemand(policy: String, value: String) -> String {
        label(policy, suffix: "-now-" + String(ConfigHash.digest(value).prefix(8)))
    }

    /// `RR-safety`: the safety backup Job of a RestoreRequest.
    public static func safety(request: String) -> String { label(request, suffix: "-safety") }

    /// `RR-restore`: the restore Job of a RestoreRequest.
    public static func restore(request: String) -> String { label(request, suffix: "-restore") }

    /// The value of `BackupPolicyNames.restoreRequestLabel` for a request: its name, or a shortened,
    /// hashed form when the name is not a valid label value (longer than 63 characters).
    public static func restoreRequestLabelValue(_ request: String) -> String {
        request.count <= maxLength ? request : label(request, suffix: "")
    }

    /// `base + suffix` when that is a DNS-1123 label of at most 63 characters; otherwise `base` made
    /// label-safe (dots to hyphens), cut to fit, followed by `-` and 8 hex digits of the FNV-1a digest of base, then
    /// `suffix` (so two bases never share a shortened name unless their digests collide).
    static func label(_ base: String, suffix: String) -> String {
        let plain = base + suffix
        if plain.count <= maxLength, isDNSLabel(plain) { return plain }
        let hash = String(ConfigHash.digest(base).prefix(8))
        let room = maxLength - suffix.count - hash.count - 1
        var safe = String(base.lowercased().map { character -> Character in
            character.isASCII && (character.isLetter || character.isNumber) ? character : "-"
        }.prefix(max(room, 0)))
        while safe.hasSuffix("-") { safe.removeLast() }
        while safe.hasPrefix("-") { safe.removeFirst() }
        return safe.isEmpty ? "\(hash)\(suffix)" : "\(safe)-\(hash)\(suffix)"
    }

    /// Whether `text` is a DNS-1123 label: 1–63 of `a-z`, `0-9`, `-`, starting and ending alphanumeric.
    public static func isDNSLabel(_ text: String) -> Bool {
        guard (1...maxLength).contains(text.utf8.count), let first = text.utf8.first, let last = text.utf8.last else { return false }
        func alphanumeric(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) }
        return alphanumeric(first) && alphanumeric(last) && text.utf8.allSatisfy { alphanumeric($0) || $0 == 0x2d }
    }
}

/// What started a backup or restore Job (the value of `BackupJobNames.kindLabel`).
public enum BackupJobKind: String, Sendable, Equatable, CaseIterable {
    /// A Job of the policy's CronJob.
    case scheduled
    /// An on-demand backup (the backup-now annotation).
    case onDemand = "on-demand"
    /// The safety backup before a restore.
    case safety
    /// A restore.
    case restore

    /// The kind from a Job's labels, else from its name (`-safety`, `-restore`, `-now-`), else scheduled.
    public static func of(jobName: String, labels: [String: String]) -> BackupJobKind {
        if let value = labels[BackupJobNames.kindLabel], let kind = BackupJobKind(rawValue: value) { return kind }
        if jobName.hasSuffix("-safety") { return .safety }
        if jobName.hasSuffix("-restore") { return .restore }
        if jobName.contains("-now-") { return .onDemand }
        return .scheduled
    }
}
