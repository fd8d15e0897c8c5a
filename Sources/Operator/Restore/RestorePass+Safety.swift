import FileWallBallAPI

extension RestorePass {
    /// The safety Job runs.
    mutating func safetyRunning(_ spec: ResolvedRestoreSpec) {
        draft.set(RestoreConditions.safetyBackupTaken, .unknown, RestoreConditions.jobRunning, "Job \(safetyJobName) running")
        draft.progress(.safetyBackup, .safetyBackupRunning, "taking a safety backup of cluster \(spec.clusterName) (Job \(safetyJobName))")
    }

    /// The safety Job succeeded: record the backup it names, then start the restore.
    mutating func safetySucceeded(_ spec: ResolvedRestoreSpec, report: RestoreJobState.Report?) {
        guard let report, report.isSuccess, let name = report.name, !name.isEmpty else {
            let text = "the safety backup Job \(safetyJobName) succeeded but its result names no backup"
            draft.set(RestoreConditions.safetyBackupTaken, .false, RestoreReason.safetyBackupFailed.rawValue, text)
            draft.fail(.safetyBackupFailed, "\(text); nothing was restored: the live data is untouched.")
            return
        }
        draft.status.safetyBackupName = name
        draft.set(RestoreConditions.safetyBackupTaken, .true, "Taken", "safety backup \(name) taken and verified")
        startRestore(spec, policy: nil, safetyBackup: name)
    }

    /// The safety Job failed: nothing was restored.
    mutating func safetyFailed(message: String?, exitCode: Int?) {
        let detail = Self.failureDetail(message: message, exitCode: exitCode)
        draft.set(RestoreConditions.safetyBackupTaken, .false, RestoreReason.safetyBackupFailed.rawValue, detail)
        draft.fail(.safetyBackupFailed, "the safety backup Job \(safetyJobName) failed: \(detail). Nothing was restored; the live data is untouched.")
    }

    /// Phase SafetyBackup without its Job: asked for and not seen yet (retry, or fail after the deadline),
    /// or seen and gone before its result was recorded (take it again: a backup changes no live data).
    mutating func safetyJobMissing(_ spec: ResolvedRestoreSpec) {
        let untouched = " Nothing was restored; the live data is untouched."
        let requested = draft.condition(RestoreConditions.safetyBackupTaken)?.reason == RestoreConditions.jobRequested
        if requested {
            switch unseenJob(RestoreConditions.safetyBackupTaken) {
            case .wait(let delay):
                requeueAfter = delay
                return
            case .expired:
                return failUnseen(RestoreConditions.safetyBackupTaken, job: safetyJobName,
                                  "the safety backup Job \(safetyJobName) was requested but never appeared within \(Self.describe(RestorePlanner.jobAppearanceDeadline)) (see the namespace's events).\(untouched)")
            case .retry(let delay):
                requeueAfter = delay
            }
        }
        if let refusal {
            requeueAfter = nil
            return draft.fail(.specChanged, "\(refusal); the controller refuses to act on a changed spec (create a new RestoreRequest).\(untouched)")
        }
        switch check(spec) {
        case .failure(let rejection):
            requeueAfter = nil
            draft.fail(rejection.reason, rejection.message + untouched)
        case .success(let policy):
            action = .createSafetyJob(policy: policy.name)
            guard !requested else { return }
            draft.set(RestoreConditions.safetyBackupTaken, .unknown, RestoreConditions.jobRequested,
                      "Job \(safetyJobName) requested again: the previous one disappeared before its result was recorded", restartClock: true)
            draft.progress(.safetyBackup, .safetyBackupRunning, "taking a safety backup of cluster \(spec.clusterName) again (Job \(safetyJobName))")
            requeueAfter = RestorePlanner.jobRetryDelay
        }
    }

    /// `message (code/reason, exit N)` from a Job's termination message, as far as it tells.
    static func failureDetail(message: String?, exitCode: Int?) -> String {
        if let report = RestoreJobState.Report.parse(message) { return report.failureText }
        let text = message?.split(whereSeparator: \.isNewline).last.map(String.init) ?? "no result reported"
        return exitCode.map { "\(text) (exit \($0))" } ?? text
    }
}
