import FileWallBallAPI
import Foundation
import KubeClient

/// How one finished backup Job ended, as the policy's status reports it: a verified backup, or a
/// failure. A succeeded Job whose result is missing, unreadable or not verified is a failure.
struct BackupRunOutcome: Sendable, Equatable {
    /// A verified backup: its record, its entry in the kept list, what its retention pruned, when it ended.
    struct Success: Sendable, Equatable {
        var record: BackupRecord
        var kept: KeptBackup
        var takenAt: Date
        var completedAt: Date
        var pruned: [String]
    }

    /// A failed run and when it ended.
    struct Failure: Sendable, Equatable {
        var failure: BackupFailure
        var time: Date
    }

    /// What started the Job.
    var kind: BackupJobKind
    /// The Job's name (orders runs that ended at the same second).
    var jobName: String
    /// Exactly one of the two.
    var success: Success?
    /// Exactly one of the two.
    var failure: Failure?

    /// The outcome of a finished backup Job; nil for a running Job, a restore Job, or a failure whose
    /// Job has neither a start nor an end time (it cannot be ordered).
    init?(_ job: BackupJobObservation) {
        guard job.phase != .running, job.kind != .restore else { return nil }
        kind = job.kind
        jobName = job.jobName
        let exit = job.exitCode.map { " (exit code \($0))" } ?? ""
        let problem: (reason: String, message: String)
        switch (job.phase, job.result) {
        case (.succeeded, .succeeded(let report)?) where report.verified:
            success = Self.success(report, job: job)
            problem = ("", "")
        case (.succeeded, .succeeded(let report)?):
            problem = ("NotVerified", "backup \(report.name) completed but was not verified; it does not count as a backup")
        case (_, .failed(let reported)?):
            let detail = reported.reason.isEmpty ? reported.message : "\(reported.reason): \(reported.message)"
            problem = (reported.conditionReason, detail + exit)
        case (.failed, .succeeded(let report)?):
            problem = ("JobFailed", "the Job \(job.jobName) failed\(exit) after reporting backup \(report.name)")
        case (.failed, .unreadable(let text)?):
            problem = ("JobFailed", "the Job \(job.jobName) failed\(exit): \(Self.trimmed(text))")
        case (_, .unreadable(let text)?):
            problem = ("ResultUnreadable", "the Job \(job.jobName) completed but its result is not the backup command's JSON: \(Self.trimmed(text))")
        case (.failed, nil):
            problem = ("JobFailed", "the Job \(job.jobName) failed\(exit) without reporting a result")
        default:
            problem = ("ResultMissing", "the Job \(job.jobName) completed without a result in its termination message")
        }
        if success == nil {
            guard let time = job.finishedAt ?? job.startedAt else { return nil }
            self.failure = Failure(failure: BackupFailure(time: KubeTime.format(time), reason: problem.reason, message: problem.message), time: time)
        }
    }

    /// The success of a verified report.
    private static func success(_ report: BackupRunReport, job: BackupJobObservation) -> Success {
        let duration = report.durationSeconds.map { Int($0.rounded()) }
        let takenAt = KubeTime.format(report.takenAt)
        let sha256 = report.sha256.flatMap { isHexDigest($0) ? $0 : nil }
        let record = BackupRecord(name: report.name, takenAt: takenAt, sizeBytes: report.sizeBytes, sha256: sha256, verified: true,
                                  durationSeconds: duration)
        let origin = report.origin.flatMap { BackupJobKind(rawValue: $0) }?.rawValue ?? job.kind.rawValue
        let kept = KeptBackup(name: report.name, takenAt: takenAt, sizeBytes: report.sizeBytes, verified: true, origin: origin)
        let completedAt = job.finishedAt ?? report.takenAt.addingTimeInterval(report.durationSeconds ?? 0)
        return Success(record: record, kept: kept, takenAt: report.takenAt, completedAt: completedAt, pruned: report.prunedBackups)
    }

    /// Whether `text` is 64 lower-case hex digits (the schema's pattern for `sha256`).
    static func isHexDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// A log tail without surrounding blank space, at most 2048 characters (its end kept).
    static func trimmed(_ text: String) -> String {
        let clean = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return clean.count <= 2048 ? clean : "…" + String(clean.suffix(2047))
    }
}
