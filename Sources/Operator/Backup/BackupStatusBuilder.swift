import FileWallBallAPI
import Foundation
import KubeClient

/// Computes a BackupPolicy's status from what was observed: a pure function (same inputs, same status;
/// a condition keeps its lastTransitionTime while its status does not change).
///
/// # Guarantees
/// - `lastSuccessfulBackup` only ever comes from a succeeded Job whose result says `verified`; a
///   failed Job, or a succeeded one whose result is missing, unreadable or unverified, is `lastFailure`.
/// - Records survive their Jobs: the newest of the previous status and the observed Jobs is kept.
///
/// # Assumptions
/// - Safety backups (taken before a restore) join the kept list but neither `lastSuccessfulBackup` nor
///   `lastFailure`: their outcome is the RestoreRequest's to report. Restore Jobs are ignored.
/// - The backup command's result carries no list of kept backups, only the backup it took and the names
///   its retention pruned. `backups` is therefore maintained: the previous list, plus each observed
///   backup not older than the newest already listed, minus every name an observed run pruned.
///
/// # Caveats
/// Backups pruned by runs whose Jobs were never observed (controller down longer than the Jobs' history)
/// stay listed, as do names dropped from a prune list cut to fit the 4096-byte termination message.
public enum BackupStatusBuilder {
    /// Condition: the CronJob is in place for an existing cluster and a valid schedule.
    public static let readyCondition = "Ready"
    /// Condition: the newest backup run succeeded and was verified.
    public static let healthyCondition = "BackupHealthy"

    /// The new status of `policy`.
    public static func status(policy: BackupPolicyInput, observed: BackupPolicyObservation, previous: BackupPolicyStatus?,
                              now: Date) -> BackupPolicyStatus {
        let spec = ResolvedBackupPolicySpec(policy.spec)
        let outcomes = observed.jobs.compactMap(BackupRunOutcome.init)
        var status = BackupPolicyStatus()
        status.observedGeneration = policy.generation
        status.lastScheduleTime = observed.cronJobLastScheduleTime ?? previous?.lastScheduleTime
        status.lastOnDemandRequest = observed.lastOnDemandRequest ?? previous?.lastOnDemandRequest
        status.lastSuccessfulBackup = newestSuccess(previous?.lastSuccessfulBackup, outcomes)
        status.lastFailure = newestFailure(previous?.lastFailure, outcomes)
        status.backups = keptBackups(previous?.backups ?? [], outcomes)

        let schedule: Result<(schedule: CronSchedule, timeZone: TimeZone), CronScheduleError>
        do { schedule = .success(try spec.cronSchedule()) } catch { schedule = .failure(error) }
        if !spec.suspend, case .success(let parsed) = schedule, let next = parsed.schedule.next(after: now, in: parsed.timeZone) {
            status.nextScheduleTime = KubeTime.format(next)
        }

        var conditions = previous?.conditions ?? []
        conditions.setCondition(ready(policy: policy, spec: spec, observed: observed, schedule: schedule), now: now)
        conditions.setCondition(healthy(policy: policy, success: status.lastSuccessfulBackup, failure: status.lastFailure), now: now)
        status.conditions = conditions
        return status
    }

    /// `Ready`: False with ClusterNotFound, InvalidSchedule or CronJobPending; True with Scheduled or Suspended.
    static func ready(policy: BackupPolicyInput, spec: ResolvedBackupPolicySpec, observed: BackupPolicyObservation,
                      schedule: Result<(schedule: CronSchedule, timeZone: TimeZone), CronScheduleError>) -> StatusCondition {
        let values: (status: ConditionStatus, reason: String, message: String)
        if !observed.clusterExists {
            values = (.false, "ClusterNotFound",
                                         "FileWallBallCluster \(spec.clusterName) not found in namespace \(policy.namespace); backups wait for it")
        } else if case .failure(let error) = schedule {
            values = (.false, "InvalidSchedule", "invalid schedule \"\(spec.schedule)\" (\(spec.timeZone)): \(error)")
        } else if !observed.cronJobExists {
            values = (.false, "CronJobPending", "the CronJob \(policy.names.cronJob) is not in place yet")
        } else if spec.suspend {
            values = (.true, "Suspended", "scheduled backups are suspended; on-demand backups still run")
        } else {
            values = (.true, "Scheduled", "the CronJob \(policy.names.cronJob) runs \"\(spec.schedule)\" in \(spec.timeZone)")
        }
        return StatusCondition(type: readyCondition, status: values.status, reason: values.reason, message: values.message, lastTransitionTime: "",
                               observedGeneration: policy.generation)
    }

    /// `BackupHealthy`: True (BackupSucceeded) when the newest run is a verified backup, False
    /// (BackupFailed) when it is a failure, Unknown (NoBackupYet) before either.
    static func healthy(policy: BackupPolicyInput, success: BackupRecord?, failure: BackupFailure?) -> StatusCondition {
        let values: (status: ConditionStatus, reason: String, message: String)
        let successEnd = success.flatMap { record in
            KubeTime.parse(record.takenAt).map { $0.addingTimeInterval(TimeInterval(record.durationSeconds ?? 0)) }
        }
        let failureTime = failure.flatMap { KubeTime.parse($0.time) }
        if let failure, let failureTime, successEnd.map({ failureTime > $0 }) ?? true {
            values = (.false, "BackupFailed", "the newest backup run failed at \(failure.time): \(failure.reason): \(failure.message)")
        } else if let success {
            values = (.true, "BackupSucceeded", "backup \(success.name) taken at \(success.takenAt) was verified")
        } else {
            values = (.unknown, "NoBackupYet", "no backup has completed yet")
        }
        return StatusCondition(type: healthyCondition, status: values.status, reason: values.reason, message: values.message, lastTransitionTime: "",
                               observedGeneration: policy.generation)
    }

    /// The newest verified scheduled or on-demand backup, from the previous status and the outcomes.
    static func newestSuccess(_ previous: BackupRecord?, _ outcomes: [BackupRunOutcome]) -> BackupRecord? {
        var candidates = outcomes.filter { $0.kind != .safety }.compactMap { $0.success.map { ($0.takenAt, $0.record) } }
        if let previous, let takenAt = KubeTime.parse(previous.takenAt) { candidates.append((takenAt, previous)) }
        return candidates.max { ($0.0, $0.1.name) < ($1.0, $1.1.name) }?.1
    }

    /// The newest failed scheduled or on-demand run, from the previous status and the outcomes.
    static func newestFailure(_ previous: BackupFailure?, _ outcomes: [BackupRunOutcome]) -> BackupFailure? {
        var candidates = outcomes.filter { $0.kind != .safety }.compactMap { outcome in
            outcome.failure.map { ($0.time, outcome.jobName, $0.failure) }
        }
        if let previous, let time = KubeTime.parse(previous.time) { candidates.append((time, "", previous)) }
        // At the same second a new observation wins over the previous record.
        return candidates.max { ($0.0, $0.1) < ($1.0, $1.1) }?.2
    }
}
