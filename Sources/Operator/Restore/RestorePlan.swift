import FileWallBallAPI

/// What one reconcile of a RestoreRequest must do, in this order, stopping at the first failure:
/// 1. `acceptSpecAnnotation`: when set, write it as `metadata.annotations["filewallball.io/accepted-spec"]`
///    (a patch of the object, not of its status);
/// 2. `status`: when it differs from the stored status, write it to the status subresource;
/// 3. `action`: create that Job (an `AlreadyExists` answer counts as done);
/// 4. requeue after `requeueAfter` when set (a timer; every other wake-up comes from the watches).
///
/// The status is written *before* a Job is created, so the record of what was started (phase, the safety
/// backup's name, the request time in the conditions) never lags behind the Jobs: a restart, or a Job
/// deleted by its TTL, can never lead to a second restore Job.
public struct RestorePlan: Sendable, Equatable {
    /// The status to store.
    public var status: RestoreRequestStatus
    /// The accepted-spec annotation value to write first; nil when already recorded (or nothing to accept).
    public var acceptSpecAnnotation: String?
    /// The Job to create after the status is stored.
    public var action: RestoreAction
    /// When to plan again if nothing is observed meanwhile.
    public var requeueAfter: Duration?

    /// Creates a plan.
    public init(status: RestoreRequestStatus, acceptSpecAnnotation: String? = nil, action: RestoreAction = .none, requeueAfter: Duration? = nil) {
        self.status = status
        self.acceptSpecAnnotation = acceptSpecAnnotation
        self.action = action
        self.requeueAfter = requeueAfter
    }
}

/// The one Job a plan may ask for.
public enum RestoreAction: Sendable, Equatable {
    /// Nothing to create.
    case none
    /// Create the Job `NAME-safety` (`filewallball backup --origin safety`) for the backups of `policy`.
    case createSafetyJob(policy: String)
    /// Create the Job `NAME-restore` (`filewallball restore --file BACKUP`, or `--latest` when `backup` is
    /// `latest`, `--no-safety-backup`) from the backups of `policy`.
    case createRestoreJob(policy: String, backup: String)
}
