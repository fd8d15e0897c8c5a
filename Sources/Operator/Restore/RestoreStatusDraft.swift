import FileWallBallAPI
import Foundation
import KubeClient

/// The condition types and reasons a RestoreRequest's status uses.
enum RestoreConditions {
    /// Overall: True once Completed; False with the current reason otherwise.
    static let ready = "Ready"
    /// True once Completed (as a Job's `Complete`).
    static let complete = "Complete"
    /// True once Failed, with the failure's reason (as a Job's `Failed`).
    static let failed = "Failed"
    /// The safety backup: Unknown while requested or running, True once taken, False if it failed.
    static let safetyBackupTaken = "SafetyBackupTaken"
    /// The restore Job: Unknown while requested (`JobRequested`, since `lastTransitionTime`) or seen
    /// running (`JobRunning`), True once it succeeded (since `lastTransitionTime`: the Verifying clock).
    static let restored = "Restored"
    /// The order conditions are listed in.
    static let order = [ready, safetyBackupTaken, restored, complete, failed]

    /// Reason of a step condition whose Job was asked for and not yet seen.
    static let jobRequested = "JobRequested"
    /// Reason of a step condition whose Job was seen running.
    static let jobRunning = "JobRunning"
}

/// Why a restore is where it is: the `Ready` reason (and `Failed`'s, for failures).
enum RestoreReason: String {
    case waiting = "Waiting"
    case safetyBackupRunning = "SafetyBackupRunning"
    case restoring = "Restoring"
    case verifying = "Verifying"
    case completed = "Completed"
    case invalidSpec = "InvalidSpec"
    case specChanged = "SpecChanged"
    case clusterNotFound = "ClusterNotFound"
    case backupPolicyNotFound = "BackupPolicyNotFound"
    case ambiguousBackupPolicy = "AmbiguousBackupPolicy"
    case backupNotFound = "BackupNotFound"
    case backupNotVerified = "BackupNotVerified"
    case safetyBackupFailed = "SafetyBackupFailed"
    case restoreFailed = "RestoreFailed"
    case jobNotStarted = "JobNotStarted"
    case restoreJobLost = "RestoreJobLost"
    case notServing = "NotServing"
}

/// The status being built by one planning pass, starting from the stored one.
struct RestoreStatusDraft {
    /// The status so far.
    var status: RestoreRequestStatus
    /// This pass's time.
    let now: Date
    /// The request's generation.
    let generation: Int

    /// A draft of `status` at `now`.
    init(_ status: RestoreRequestStatus, now: Date, generation: Int) {
        self.status = status
        self.now = now
        self.generation = generation
        self.status.observedGeneration = generation
    }

    /// `now` as a Kubernetes timestamp.
    var timestamp: String { KubeTime.format(now) }

    /// The stored condition of `type`.
    func condition(_ type: String) -> StatusCondition? { status.conditions?.first { $0.type == type } }

    /// Sets a condition; `lastTransitionTime` is kept when the status is unchanged, unless `restartClock`.
    mutating func set(_ type: String, _ value: ConditionStatus, _ reason: String, _ message: String, restartClock: Bool = false) {
        var list = status.conditions ?? []
        let previous = list.first { $0.type == type }
        let time = (restartClock || previous?.status != value) ? timestamp : (previous?.lastTransitionTime ?? timestamp)
        list.removeAll { $0.type == type }
        list.append(StatusCondition(type: type, status: value, reason: reason, message: message, lastTransitionTime: time,
                                    observedGeneration: generation))
        status.conditions = list.sorted {
            (RestoreConditions.order.firstIndex(of: $0.type) ?? Int.max, $0.type) < (RestoreConditions.order.firstIndex(of: $1.type) ?? Int.max, $1.type)
        }
    }

    /// A phase in progress: phase, message and `Ready=False` with `reason`.
    mutating func progress(_ phase: RestorePhase, _ reason: RestoreReason, _ message: String) {
        status.phase = phase
        status.message = message
        set(RestoreConditions.ready, .false, reason.rawValue, message)
    }

    /// The end in failure: phase Failed, completedAt, message, `Ready=False` and `Failed=True` with `reason`.
    mutating func fail(_ reason: RestoreReason, _ message: String) {
        status.phase = .failed
        status.completedAt = timestamp
        status.message = message
        set(RestoreConditions.ready, .false, reason.rawValue, message)
        set(RestoreConditions.failed, .true, reason.rawValue, message)
    }

    /// The end in success: phase Completed, completedAt, message, `Ready=True` and `Complete=True`.
    mutating func complete(_ message: String) {
        status.phase = .completed
        status.completedAt = timestamp
        status.message = message
        set(RestoreConditions.ready, .true, RestoreReason.completed.rawValue, message)
        set(RestoreConditions.complete, .true, RestoreReason.completed.rawValue, message)
    }

    /// Seconds since the condition of `type` last changed status; nil when absent or unreadable.
    func secondsSince(_ type: String) -> Double? {
        guard let text = condition(type)?.lastTransitionTime, let date = KubeTime.parse(text) else { return nil }
        return now.timeIntervalSince(date)
    }
}
