import FileWallBallAPI
import Foundation

/// Decides, from what is observed now, a RestoreRequest's status and the one Job to create: a pure,
/// level-based function the reconciler calls on every pass.
///
/// # Expected flow
/// Pending → SafetyBackup (Job `NAME-safety`; skipped when `spec.safetyBackup` is false) → Restoring (Job
/// `NAME-restore`) → Verifying (the restore Job succeeded; until the cluster reports Ready again, i.e. the
/// data plane serves after the maintenance window) → Completed. Any failure → Failed.
///
/// # Guarantees
/// - Completed and Failed are final: a final status is returned unchanged, with no action, whatever the
///   Jobs do afterwards.
/// - The phase is derived from the Jobs each time (the most advanced one wins), so a restarted controller
///   lands on the same phase; feeding a plan's status back with the same observation asks for nothing new.
/// - At most one restore Job is ever created: its request time is stored (`Restored` condition,
///   `JobRequested`) before it is created, and once it has been seen, its disappearance without a recorded
///   outcome ends Failed (`RestoreJobLost`), never in a second Job. A safety backup Job that vanishes is
///   simply taken again (it never changes live data).
/// - Cluster, BackupPolicy and backup are checked before each Job; a failure then ends Failed with nothing
///   started. With a changed spec (`SpecChanged`) nothing new is started; a running Job is observed to its end.
/// - One restore per cluster: a request waits in Pending (reason `Waiting`, naming the request ahead)
///   while another of the same cluster is past Pending, or an older one (then lower name) is Pending.
///
/// # Assumptions
/// - The glue watches (and maps to the RestoreRequests concerned): RestoreRequests (a change of one
///   enqueues every non-final request of the same cluster), its Jobs and their Pods (owner: the request),
///   the FileWallBallCluster named (its Ready condition) and BackupPolicies of the namespace (their
///   `status.backups`). Timers (`requeueAfter`) are needed only for Job retries and the Verifying deadline.
/// - The Jobs keep their result longer than `jobAppearanceDeadline` (`ttlSecondsAfterFinished` above it).
public enum RestorePlanner {
    /// How long to wait for a requested Job to show up before asking for it again.
    public static let jobRetryDelay: Duration = .seconds(15)
    /// How long a requested Job may stay unseen before the request fails (`JobNotStarted`).
    public static let jobAppearanceDeadline: Duration = .seconds(120)
    /// How long Verifying waits for the cluster to report Ready before failing (`NotServing`).
    public static let verifyTimeout: Duration = .seconds(600)

    /// The status and action for `request` given `observed` at `now`.
    public static func plan(_ request: RestoreRequestInput, observed: RestoreObservation, now: Date) -> RestorePlan {
        if let phase = request.status.phase, phase.isFinal { return RestorePlan(status: request.status) }
        var pass = RestorePass(request: request, observed: observed,
                               draft: RestoreStatusDraft(request.status, now: now, generation: request.generation))
        pass.decide()
        var plan = RestorePlan(status: pass.draft.status, action: pass.action, requeueAfter: pass.requeueAfter)
        if request.acceptance == .notRecorded, pass.refusal == nil, case .success(let spec) = request.spec, plan.status.phase?.isFinal != true {
            plan.acceptSpecAnnotation = spec.canonicalJSON
        }
        return plan
    }
}
