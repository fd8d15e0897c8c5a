import FileWallBallAPI

extension RestorePass {
    /// The restore Job runs (the file service goes into maintenance for the swap).
    mutating func restoreRunning(_ spec: ResolvedRestoreSpec) {
        recordSafetyBackupFromJob()
        draft.set(RestoreConditions.restored, .unknown, RestoreConditions.jobRunning, "Job \(restoreJobName) running")
        let what = spec.isLatest ? "the newest verified backup" : "backup \(spec.backup)"
        draft.progress(.restoring, .restoring,
                       "restoring \(what) into cluster \(spec.clusterName) (Job \(restoreJobName); the file service is in maintenance during the swap)")
    }

    /// The restore Job succeeded: record the backup restored, then verify.
    mutating func restoreSucceeded(_ spec: ResolvedRestoreSpec, report: RestoreJobState.Report?) {
        recordSafetyBackupFromJob()
        let restored = report?.restored ?? draft.status.restoredBackup ?? (spec.isLatest ? nil : spec.backup)
        draft.status.restoredBackup = restored
        if draft.status.safetyBackupName == nil, let safety = report?.safetyBackup { draft.status.safetyBackupName = safety }
        draft.set(RestoreConditions.restored, .true, "Restored", "Job \(restoreJobName) restored \(restored.map { "backup \($0)" } ?? "the newest verified backup")")
        verify(spec)
    }

    /// Verifying: Completed once the cluster reports Ready (the data plane serves the restored data),
    /// Failed when the cluster is gone or not Ready within `verifyTimeout`.
    mutating func verify(_ spec: ResolvedRestoreSpec) {
        let restored = draft.status.restoredBackup.map { "backup \($0)" } ?? "the newest verified backup"
        let safety = draft.status.safetyBackupName.map { " (safety backup: \($0))" } ?? ""
        switch observed.cluster {
        case .ready:
            draft.complete("restored \(restored) into cluster \(spec.clusterName)\(safety); the file service serves it")
        case .notFound:
            draft.fail(.clusterNotFound, "restored \(restored)\(safety), but FileWallBallCluster \(spec.clusterName) no longer exists.")
        case .notReady:
            let waited = draft.secondsSince(RestoreConditions.restored) ?? 0
            let timeout = Self.seconds(RestorePlanner.verifyTimeout)
            if waited >= timeout {
                draft.fail(.notServing, "restored \(restored)\(safety): the live data is the restored data, but cluster \(spec.clusterName) did not report Ready within \(Self.describe(RestorePlanner.verifyTimeout)) (see the cluster's conditions).")
            } else {
                draft.progress(.verifying, .verifying,
                               "restored \(restored)\(safety); waiting for cluster \(spec.clusterName) to report Ready (the file service out of maintenance)")
                requeueAfter = Self.duration(timeout - waited)
            }
        }
    }

    /// The restore Job failed: say whether the live data changed, as far as its result tells.
    mutating func restoreFailed(_ spec: ResolvedRestoreSpec, message: String?, exitCode: Int?) {
        recordSafetyBackupFromJob()
        let report = RestoreJobState.Report.parse(message)
        let detail = Self.failureDetail(message: message, exitCode: exitCode)
        let reason: RestoreReason = report?.code == "backup_not_found" ? .backupNotFound : .restoreFailed
        // Exit codes documented as "nothing touched" (docs/backup-restore.md): 10, 15, 20, 21, 22, 64.
        let untouchedCodes: Set<Int> = [10, 15, 20, 21, 22, 64]
        let data = (report?.exitCode ?? exitCode).map(untouchedCodes.contains) == true
            ? "The live data is unchanged."
            : "The swap is atomic: the live data is either unchanged or completely restored; a new restore finishes or undoes an interrupted one."
        let safety = draft.status.safetyBackupName.map { " Safety backup: \($0)." } ?? ""
        draft.set(RestoreConditions.restored, .false, reason.rawValue, detail)
        draft.fail(reason, "the restore Job \(restoreJobName) failed: \(detail). \(data)\(safety)")
    }

    /// Phase Restoring without its Job: asked for and not seen yet (retry, or fail after the deadline),
    /// or seen and gone before its outcome was recorded: never a second restore, Failed.
    mutating func restoreJobMissing(_ spec: ResolvedRestoreSpec) {
        let safety = draft.status.safetyBackupName.map { " Safety backup: \($0)." } ?? ""
        guard draft.condition(RestoreConditions.restored)?.reason == RestoreConditions.jobRequested else {
            draft.set(RestoreConditions.restored, .unknown, RestoreReason.restoreJobLost.rawValue, "Job \(restoreJobName) disappeared")
            draft.fail(.restoreJobLost, "the restore Job \(restoreJobName) disappeared before its outcome was recorded, so it is unknown whether the backup was restored: the swap is atomic, the live data is either unchanged or completely restored. Check the data before creating a new RestoreRequest.\(safety)")
            return
        }
        let unseen = " Job \(restoreJobName) was requested but never seen: the live data is most likely untouched.\(safety)"
        switch unseenJob(RestoreConditions.restored) {
        case .wait(let delay):
            requeueAfter = delay
        case .expired:
            failUnseen(RestoreConditions.restored, job: restoreJobName,
                       "the restore Job \(restoreJobName) was requested but never appeared within \(Self.describe(RestorePlanner.jobAppearanceDeadline)) (see the namespace's events); it was most likely never created and the live data is untouched.\(safety)")
        case .retry(let delay):
            if let refusal {
                return draft.fail(.specChanged, "\(refusal); the controller refuses to act on a changed spec (create a new RestoreRequest).\(unseen)")
            }
            switch check(spec) {
            case .failure(let rejection): draft.fail(rejection.reason, rejection.message + unseen)
            case .success(let policy):
                action = .createRestoreJob(policy: policy.name, backup: spec.backup)
                requeueAfter = delay
            }
        }
    }

    /// Takes the safety backup's name from the safety Job's result when the status lost it.
    private mutating func recordSafetyBackupFromJob() {
        guard draft.status.safetyBackupName == nil, case .succeeded(let message, _) = observed.safetyJob,
              let report = RestoreJobState.Report.parse(message), report.isSuccess, let name = report.name else { return }
        draft.status.safetyBackupName = name
        draft.set(RestoreConditions.safetyBackupTaken, .true, "Taken", "safety backup \(name) taken and verified")
    }
}
