import Foundation
import KubeClient

/// What the status builder needs to know of one backup or restore Job: what started it, when it ran,
/// how it ended and what its container reported.
public struct BackupJobObservation: Sendable, Equatable {
    /// Where a Job is.
    public enum Phase: String, Sendable, Equatable {
        /// Not finished.
        case running
        /// Complete.
        case succeeded
        /// Failed (with backoffLimit 0, the pod failed once).
        case failed
    }

    /// `metadata.name` of the Job.
    public var jobName: String
    /// What started it.
    public var kind: BackupJobKind
    /// `status.startTime`.
    public var startedAt: Date?
    /// When it ended: `status.completionTime`, or the time of its `Failed` condition.
    public var finishedAt: Date?
    /// Where it is.
    public var phase: Phase
    /// The container's termination message (the command's JSON result, or a log tail).
    public var terminationMessage: String?
    /// The container's exit code.
    public var exitCode: Int?

    /// Creates an observation.
    public init(jobName: String, kind: BackupJobKind, startedAt: Date? = nil, finishedAt: Date? = nil, phase: Phase,
                terminationMessage: String? = nil, exitCode: Int? = nil) {
        self.jobName = jobName
        self.kind = kind
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.phase = phase
        self.terminationMessage = terminationMessage
        self.exitCode = exitCode
    }

    /// How long a succeeded Job's result may lag behind it: the Job's completion and its Pod's termination
    /// message come through two watches, in either order. Within this time a succeeded Job whose Pod has
    /// not yet been seen ended counts as still running (`awaitingResult`) instead of as a run without a
    /// result; after it, a missing result is reported as such.
    public static let resultGrace: TimeInterval = 30

    /// Whether this succeeded Job is treated as running while its result is on its way.
    public private(set) var awaitingResult = false

    /// Reads a Job and, when known, its pod (the termination message and exit code of its container).
    /// With `now`, a succeeded Job whose Pod has not been seen ended is awaited for `resultGrace`.
    public init(job: Job, pod: Pod?, now: Date? = nil) {
        let status = job.status
        let complete = status.conditions.contains { $0.type == "Complete" && $0.status == "True" }
        let failedCondition = status.conditions.first { $0.type == "Failed" && $0.status == "True" }
        let phase: Phase
        if complete || (status.succeeded ?? 0) > 0 {
            phase = .succeeded
        } else if failedCondition != nil {
            phase = .failed
        } else {
            phase = .running
        }
        let finished = status.completionTime ?? (phase == .failed ? failedCondition?.lastTransitionTime : nil)
        let terminated = pod.flatMap(Self.terminatedState(of:))
        let finishedAt = finished.flatMap(KubeTime.parse)
        let awaiting = phase == .succeeded && terminated == nil && now.map { now in
            now.timeIntervalSince(finishedAt ?? now) < Self.resultGrace
        } == true
        self.init(jobName: job.name, kind: BackupJobKind.of(jobName: job.name, labels: job.metadata.labels ?? [:]),
                  startedAt: status.startTime.flatMap(KubeTime.parse), finishedAt: finishedAt, phase: awaiting ? .running : phase,
                  terminationMessage: terminated?["message"]?.stringValue, exitCode: terminated?["exitCode"]?.intValue.map { Int($0) })
        awaitingResult = awaiting
    }

    /// `state.terminated` of the pod's backup container (the only container).
    static func terminatedState(of pod: Pod) -> JSONObject? {
        guard let statuses = pod.status.containerStatuses?.arrayValue else { return nil }
        let container = statuses.first { $0["name"]?.stringValue == BackupObjectBuilder.containerName } ?? statuses.first
        return container?["state"]?["terminated"]?.objectValue
    }

    /// The run's result from the termination message; nil while running or when there is no message.
    public var result: BackupRunResult? {
        guard phase != .running, let terminationMessage, !terminationMessage.isEmpty else { return nil }
        return BackupRunResult(terminationMessage: terminationMessage)
    }
}
