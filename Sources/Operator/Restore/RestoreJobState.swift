import Foundation
import KubeClient

/// What the controller observes of one of a RestoreRequest's Jobs (the safety backup or the restore).
public enum RestoreJobState: Sendable, Equatable {
    /// No such Job (never created, or deleted: by TTL, by hand, or garbage-collected).
    case absent
    /// The Job exists and has not finished.
    case running
    /// The Job completed; the container's termination message (the command's result JSON) and exit code.
    case succeeded(message: String?, exitCode: Int?)
    /// The Job failed; the container's termination message (result JSON, or log lines with
    /// `FallbackToLogsOnError`) and exit code, when a pod reported them.
    case failed(message: String?, exitCode: Int?)

    /// The state of `job` (nil when absent), with the termination message of its newest terminated pod.
    /// Only the Job's `Complete` and `Failed` conditions end it; anything else is `running`. With `now`, a
    /// completed Job none of whose pods has been seen ended is still `running` for
    /// `BackupJobObservation.resultGrace` after its completion: the pod's termination message (the result)
    /// comes through another watch and may arrive later.
    public init(job: Job?, pods: [Pod], now: Date? = nil) {
        guard let job else {
            self = .absent
            return
        }
        let conditions = job.status.conditions
        let isTrue = { (type: String) in conditions.contains { $0.type == type && $0.status == "True" } }
        if isTrue("Complete") {
            let termination = Self.termination(of: pods, preferSuccess: true)
            if Self.awaitsResult(job: job, termination: termination != nil, now: now) {
                self = .running
                return
            }
            self = .succeeded(message: termination?.message, exitCode: termination?.exitCode)
        } else if isTrue("Failed") {
            let termination = Self.termination(of: pods, preferSuccess: false)
            self = .failed(message: termination?.message, exitCode: termination?.exitCode)
        } else {
            self = .running
        }
    }

    /// Whether a completed `job` is still waiting for its pod's result (see `init`).
    public static func awaitsResult(job: Job, pods: [Pod], now: Date) -> Bool {
        let complete = job.status.conditions.contains { $0.type == "Complete" && $0.status == "True" }
        return complete && awaitsResult(job: job, termination: termination(of: pods, preferSuccess: true) != nil, now: now)
    }

    private static func awaitsResult(job: Job, termination: Bool, now: Date?) -> Bool {
        guard !termination, let now, let completed = job.status.completionTime.flatMap(KubeTime.parse) else { return false }
        return now.timeIntervalSince(completed) < BackupJobObservation.resultGrace
    }

    /// Whether the Job exists in any state.
    var exists: Bool { self != .absent }

    /// The termination of the first terminated container of the newest pod that has one (a successful
    /// one first when `preferSuccess`).
    private static func termination(of pods: [Pod], preferSuccess: Bool) -> (message: String?, exitCode: Int?)? {
        let ordered = pods.sorted {
            ($0.metadata.creationTimestamp ?? "", $0.name) > ($1.metadata.creationTimestamp ?? "", $1.name)
        }
        let terminations = ordered.compactMap { pod -> (message: String?, exitCode: Int?)? in
            for status in pod.status.containerStatuses?.arrayValue ?? [] {
                let object = status.objectValue ?? [:]
                for key in ["state", "lastState"] {
                    if let terminated = object[key]?.objectValue?["terminated"]?.objectValue {
                        return (terminated.string("message"), terminated.int("exitCode"))
                    }
                }
            }
            return nil
        }
        if preferSuccess, let success = terminations.first(where: { $0.exitCode == 0 }) { return success }
        return terminations.first
    }
}
