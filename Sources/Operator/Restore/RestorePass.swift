import FileWallBallAPI
import Foundation

/// One planning pass of `RestorePlanner`: the inputs, the status draft, and the decision so far.
struct RestorePass {
    let request: RestoreRequestInput
    let observed: RestoreObservation
    var draft: RestoreStatusDraft
    var action = RestoreAction.none
    var requeueAfter: Duration?

    /// `NAME-safety`, as the Job builders name it.
    var safetyJobName: String { BackupJobNames.safety(request: request.name) }
    /// `NAME-restore`, as the Job builders name it.
    var restoreJobName: String { BackupJobNames.restore(request: request.name) }

    /// Why nothing new may be started (the spec changed), or nil.
    var refusal: String? {
        switch request.acceptance {
        case .same: return nil
        case .changed(let text): return text
        case .notRecorded:
            let started = observed.safetyJob.exists || observed.restoreJob.exists
                || (request.status.phase.map { [.safetyBackup, .restoring, .verifying].contains($0) } ?? false)
            return started ? "the \(RestoreRequestInput.acceptedSpecAnnotation) annotation was removed after the restore started" : nil
        }
    }

    /// Decides the phase from the most advanced evidence: the restore Job, then the safety Job, then the start.
    mutating func decide() {
        guard let spec = request.actingSpec else {
            if case .failure(let issue) = request.spec, request.acceptance == .notRecorded, refusal == nil {
                draft.fail(.invalidSpec, "\(issue.message). Nothing was started; the live data is untouched.")
            } else {
                draft.fail(.specChanged, "\(refusal ?? "the accepted spec is unreadable"); the controller refuses to act on it.\(leftRunning)")
            }
            return
        }
        switch observed.restoreJob {
        case .succeeded(let message, _): return restoreSucceeded(spec, report: RestoreJobState.Report.parse(message))
        case .failed(let message, let exitCode): return restoreFailed(spec, message: message, exitCode: exitCode)
        case .running: return restoreRunning(spec)
        case .absent:
            if request.status.phase == .verifying { return verify(spec) }
            if request.status.phase == .restoring { return restoreJobMissing(spec) }
        }
        guard spec.safetyBackup else { return start(spec) }
        switch observed.safetyJob {
        case .succeeded(let message, _): return safetySucceeded(spec, report: RestoreJobState.Report.parse(message))
        case .failed(let message, let exitCode): return safetyFailed(message: message, exitCode: exitCode)
        case .running: return safetyRunning(spec)
        case .absent:
            if request.status.phase == .safetyBackup { return safetyJobMissing(spec) }
            start(spec)
        }
    }

    /// " The Job X was left running.", when one is.
    private var leftRunning: String {
        let running = [(safetyJobName, observed.safetyJob), (restoreJobName, observed.restoreJob)].filter { $0.1 == .running }.map(\.0)
        return running.isEmpty ? "" : " Job \(running.joined(separator: ", ")) was left to finish; its outcome is not recorded here."
    }

    /// Where a Job stands that was requested (condition `type`, reason `JobRequested`) and is not seen.
    enum UnseenJob: Equatable {
        /// Just asked for (the informer may lag): wait, check again after this long.
        case wait(Duration)
        /// Not seen after `jobRetryDelay`: ask again, check again after this long.
        case retry(Duration)
        /// Not seen within `jobAppearanceDeadline`: give up.
        case expired
    }

    /// The age of the request for the Job of condition `type`, as an `UnseenJob`.
    func unseenJob(_ type: String) -> UnseenJob {
        let age = draft.secondsSince(type) ?? .infinity
        let retryDelay = Self.seconds(RestorePlanner.jobRetryDelay)
        let deadline = Self.seconds(RestorePlanner.jobAppearanceDeadline)
        if age >= deadline { return .expired }
        if age >= retryDelay { return .retry(Self.duration(deadline - age)) }
        return .wait(Self.duration(retryDelay - age))
    }

    /// Fails a request whose Job of condition `type` never appeared.
    mutating func failUnseen(_ type: String, job: String, _ message: String) {
        draft.set(type, .false, RestoreReason.jobNotStarted.rawValue, "Job \(job) never appeared")
        draft.fail(.jobNotStarted, message)
    }

    /// A Duration of whole seconds, at least one.
    static func duration(_ seconds: Double) -> Duration { .seconds(max(1, Int(seconds.rounded(.up)))) }

    /// `120s`.
    static func describe(_ duration: Duration) -> String { "\(Int(seconds(duration)))s" }

    /// A Duration in seconds.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
