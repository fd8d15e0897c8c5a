/// What to do about the backup-now annotation: each distinct value starts exactly one Job.
///
/// # Expected flow
/// `start`: create the Job (`BackupObjectBuilder.onDemandJob(value:)`), then write `value` to
/// `status.lastOnDemandRequest`. `record`: the Job exists already (created before a restart, status not
/// yet written): only write the value. `nothing`: no annotation, or its value was already handled.
///
/// # Guarantees
/// The Job name is a function of the policy and the value, so a controller that crashed between
/// creating the Job and writing the status finds the Job and does not start a second one.
///
/// # Caveats
/// Going back to an older value (A, B, then A again) starts a new Job only if A's Job is gone.
public enum OnDemandDecision: Sendable, Equatable {
    /// Nothing to do.
    case nothing
    /// Create the Job `jobName`, then record `value`.
    case start(jobName: String, value: String)
    /// The Job for `value` exists: record `value` only.
    case record(value: String)

    /// Decides from the annotation value, the status' `lastOnDemandRequest` and the policy's existing Jobs.
    public static func decide(policy: String, annotation: String?, lastRequest: String?, existingJobs: Set<String>) -> OnDemandDecision {
        guard let annotation, !annotation.isEmpty, annotation != lastRequest else { return .nothing }
        let jobName = BackupJobNames.onDemand(policy: policy, value: annotation)
        if existingJobs.contains(jobName) { return .record(value: annotation) }
        return .start(jobName: jobName, value: annotation)
    }
}
