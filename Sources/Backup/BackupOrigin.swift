/// What took a backup: recorded in its manifest, shown by `restore --list`, set by `backup --origin`.
public enum BackupOrigin: String, Codable, Sendable, CaseIterable {
    /// A BackupPolicy's CronJob (the default).
    case scheduled
    /// An on-demand run (the BackupPolicy's backup-now annotation, or by hand).
    case onDemand = "on-demand"
    /// The backup of the live data taken right before a restore.
    case safety

    /// The manifest `kind` older readers understand: `safety` for safety backups, else `backup`.
    public var kind: BackupManifest.Kind { self == .safety ? .safety : .backup }
}
