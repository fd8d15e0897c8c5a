import FileWallBallAPI
import Foundation
import KubeClient
import Testing
@testable import Operator

/// Every phase transition of `RestorePlanner.plan`, one pass at a time.
@Suite struct RestorePlannerTests {
    typealias F = RestoreFixtures

    @Test func aNewRequestStartsWithTheSafetyBackupAndAcceptsItsSpec() {
        let request = F.request()
        let plan = RestorePlanner.plan(request, observed: F.observe(), now: F.t0)
        #expect(plan.status.phase == .safetyBackup)
        #expect(plan.action == .createSafetyJob(policy: "nightly"))
        #expect(plan.acceptSpecAnnotation == F.spec().canonicalJSON)
        #expect(plan.status.startedAt == "2027-01-15T08:00:00Z")
        #expect(plan.status.observedGeneration == 1)
        #expect(F.readyReason(plan) == "SafetyBackupRunning")
        #expect(F.condition(plan.status, "Ready")?.status == .false)
        let safety = F.condition(plan.status, "SafetyBackupTaken")
        #expect(safety?.status == .unknown)
        #expect(safety?.reason == "JobRequested")
        #expect(safety?.lastTransitionTime == "2027-01-15T08:00:00Z")
        #expect(F.condition(plan.status, "Restored") == nil)
        #expect(plan.requeueAfter == RestorePlanner.jobRetryDelay)
    }

    @Test func theSafetyJobRunning() {
        let started = RestorePlanner.plan(F.request(), observed: F.observe(), now: F.t0)
        let request = F.applied(started, to: F.request())
        let plan = RestorePlanner.plan(request, observed: F.observe(safety: .running), now: F.at(5))
        #expect(plan.status.phase == .safetyBackup)
        #expect(plan.action == .none)
        #expect(plan.acceptSpecAnnotation == nil)
        #expect(plan.requeueAfter == nil)
        #expect(F.condition(plan.status, "SafetyBackupTaken")?.reason == "JobRunning")
        #expect(plan.status.message?.contains("r1-safety") == true)
    }

    @Test func aTakenSafetyBackupIsRecordedBeforeTheRestoreJobIsAskedFor() {
        let status = RestoreRequestStatus(phase: .safetyBackup, startedAt: "2027-01-15T08:00:00Z")
        let plan = RestorePlanner.plan(F.request(accepted: true, status: status), observed: F.observe(safety: F.safetySucceeded), now: F.at(40))
        #expect(plan.status.phase == .restoring)
        #expect(plan.status.safetyBackupName == F.safetyName)
        #expect(plan.action == .createRestoreJob(policy: "nightly", backup: F.older))
        #expect(plan.status.startedAt == "2027-01-15T08:00:00Z")
        #expect(F.condition(plan.status, "SafetyBackupTaken")?.status == .true)
        #expect(F.condition(plan.status, "SafetyBackupTaken")?.message.contains(F.safetyName) == true)
        let restored = F.condition(plan.status, "Restored")
        #expect(restored?.status == .unknown)
        #expect(restored?.reason == "JobRequested")
        #expect(restored?.lastTransitionTime == "2027-01-15T08:00:40Z")
        #expect(F.readyReason(plan) == "Restoring")
        #expect(plan.status.message?.contains("maintenance") == true)
    }

    @Test func theRestoreJobRunning() {
        let status = RestoreRequestStatus(phase: .restoring, startedAt: "2027-01-15T08:00:00Z", safetyBackupName: F.safetyName)
        let plan = RestorePlanner.plan(F.request(accepted: true, status: status),
                                       observed: F.observe(safety: F.safetySucceeded, restore: .running), now: F.at(50))
        #expect(plan.status.phase == .restoring)
        #expect(plan.action == .none)
        #expect(F.condition(plan.status, "Restored")?.reason == "JobRunning")
        #expect(plan.status.safetyBackupName == F.safetyName)
    }

    @Test func aSucceededRestoreVerifiesUntilTheClusterIsReady() throws {
        let status = RestoreRequestStatus(phase: .restoring, safetyBackupName: F.safetyName)
        let verifying = RestorePlanner.plan(F.request(accepted: true, status: status),
                                            observed: F.observe(cluster: .notReady, safety: F.safetySucceeded, restore: F.restoreSucceeded()), now: F.at(90))
        #expect(verifying.status.phase == .verifying)
        #expect(verifying.status.restoredBackup == F.older)
        #expect(verifying.action == .none)
        #expect(F.readyReason(verifying) == "Verifying")
        #expect(F.condition(verifying.status, "Restored")?.status == .true)
        #expect(verifying.requeueAfter == RestorePlanner.verifyTimeout)
        #expect(verifying.status.completedAt == nil)

        let request = F.applied(verifying, to: F.request(accepted: true))
        let done = RestorePlanner.plan(request, observed: F.observe(cluster: .ready, safety: F.safetySucceeded, restore: F.restoreSucceeded()), now: F.at(120))
        #expect(done.status.phase == .completed)
        #expect(done.status.completedAt == "2027-01-15T08:02:00Z")
        #expect(F.condition(done.status, "Ready")?.status == .true)
        #expect(F.readyReason(done) == "Completed")
        #expect(F.condition(done.status, "Complete")?.status == .true)
        #expect(F.condition(done.status, "Failed") == nil)
        #expect(done.status.message?.contains(F.older) == true)
        #expect(done.status.message?.contains(F.safetyName) == true)
        #expect(done.action == .none)
        #expect(done.requeueAfter == nil)
    }

    @Test func withoutSafetyBackupTheRestoreStartsAtOnce() {
        let request = F.request(spec: F.spec(safety: false))
        let plan = RestorePlanner.plan(request, observed: F.observe(), now: F.t0)
        #expect(plan.status.phase == .restoring)
        #expect(plan.action == .createRestoreJob(policy: "nightly", backup: F.older))
        #expect(plan.status.startedAt == "2027-01-15T08:00:00Z")
        #expect(plan.status.safetyBackupName == nil)
        #expect(F.condition(plan.status, "SafetyBackupTaken") == nil)
        #expect(F.condition(plan.status, "Restored")?.reason == "JobRequested")
    }

    @Test func latestIsResolvedFromTheRestoreResult() {
        let start = RestorePlanner.plan(F.request(spec: F.spec(backup: "latest", safety: false)), observed: F.observe(), now: F.t0)
        #expect(start.action == .createRestoreJob(policy: "nightly", backup: "latest"))
        #expect(start.status.message?.contains("newest verified backup") == true)
        let request = F.applied(start, to: F.request(spec: F.spec(backup: "latest", safety: false)))
        let plan = RestorePlanner.plan(request, observed: F.observe(restore: F.restoreSucceeded(F.newest)), now: F.at(30))
        #expect(plan.status.phase == .completed)
        #expect(plan.status.restoredBackup == F.newest)
    }

    @Test func aFailedSafetyBackupEndsFailedWithItsMessage() {
        let status = RestoreRequestStatus(phase: .safetyBackup)
        let failed = RestoreJobState.failed(
            message: #"{"code":"no_space","exit_code":13,"message":"backup volume full","reason":"no_space","status":"error"}"#, exitCode: 13)
        let plan = RestorePlanner.plan(F.request(accepted: true, status: status), observed: F.observe(safety: failed), now: F.at(30))
        #expect(plan.status.phase == .failed)
        #expect(F.readyReason(plan) == "SafetyBackupFailed")
        #expect(F.condition(plan.status, "Failed")?.reason == "SafetyBackupFailed")
        #expect(F.condition(plan.status, "SafetyBackupTaken")?.status == .false)
        #expect(plan.status.message?.contains("backup volume full (no_space/no_space, exit 13)") == true)
        #expect(plan.status.message?.contains("the live data is untouched") == true)
        #expect(plan.status.completedAt == "2027-01-15T08:00:30Z")
        #expect(plan.action == .none)
    }

    @Test func aSafetyBackupWithoutANameIsNotTrusted() {
        let status = RestoreRequestStatus(phase: .safetyBackup)
        let plan = RestorePlanner.plan(F.request(accepted: true, status: status),
                                       observed: F.observe(safety: .succeeded(message: nil, exitCode: 0)), now: F.at(30))
        #expect(plan.status.phase == .failed)
        #expect(F.readyReason(plan) == "SafetyBackupFailed")
        #expect(plan.action == .none)
    }

    @Test func aFailedRestoreSaysTheLiveDataIsUnchanged() {
        let status = RestoreRequestStatus(phase: .restoring, safetyBackupName: F.safetyName)
        let plan = RestorePlanner.plan(F.request(accepted: true, status: status),
                                       observed: F.observe(safety: F.safetySucceeded, restore: F.restoreFailed22), now: F.at(60))
        #expect(plan.status.phase == .failed)
        #expect(F.readyReason(plan) == "RestoreFailed")
        #expect(F.condition(plan.status, "Restored")?.status == .false)
        #expect(plan.status.message?.contains("row_count_mismatch") == true)
        #expect(plan.status.message?.contains("The live data is unchanged.") == true)
        #expect(plan.status.message?.contains(F.safetyName) == true)
        #expect(plan.status.safetyBackupName == F.safetyName)
        #expect(plan.status.restoredBackup == nil)
        #expect(plan.action == .none)
    }

    @Test func aRestoreKilledWithoutAResultDoesNotClaimTheDataIsUnchanged() {
        let status = RestoreRequestStatus(phase: .restoring)
        let plan = RestorePlanner.plan(F.request(spec: F.spec(safety: false), accepted: true, status: status),
                                       observed: F.observe(restore: .failed(message: "Killed", exitCode: 137)), now: F.at(60))
        #expect(plan.status.phase == .failed)
        #expect(plan.status.message?.contains("Killed (exit 137)") == true)
        #expect(plan.status.message?.contains("either unchanged or completely restored") == true)
        #expect(plan.status.message?.contains("The live data is unchanged") == false)
    }

    @Test func aBackupTheRestoreCannotFindIsBackupNotFound() {
        let failed = RestoreJobState.failed(
            message: "restore: starting\n{\"code\":\"backup_not_found\",\"exit_code\":20,\"message\":\"no such backup\",\"reason\":\"not_found\",\"status\":\"error\"}\nerror: backup_not_found",
            exitCode: 20)
        let plan = RestorePlanner.plan(F.request(spec: F.spec(safety: false), accepted: true, status: RestoreRequestStatus(phase: .restoring)),
                                       observed: F.observe(restore: failed), now: F.at(60))
        #expect(F.readyReason(plan) == "BackupNotFound")
        #expect(plan.status.message?.contains("no such backup") == true)
        #expect(plan.status.message?.contains("The live data is unchanged.") == true)
    }

    @Test func verifyingGivesUpWhenTheClusterNeverServes() {
        let start = RestorePlanner.plan(F.request(spec: F.spec(safety: false), accepted: true, status: RestoreRequestStatus(phase: .restoring)),
                                        observed: F.observe(cluster: .notReady, restore: F.restoreSucceeded()), now: F.t0)
        #expect(start.status.phase == .verifying)
        let request = F.applied(start, to: F.request(spec: F.spec(safety: false), accepted: true))
        let waiting = RestorePlanner.plan(request, observed: F.observe(cluster: .notReady, restore: F.restoreSucceeded()), now: F.at(599))
        #expect(waiting.status.phase == .verifying)
        #expect(waiting.requeueAfter == .seconds(1))
        let late = RestorePlanner.plan(request, observed: F.observe(cluster: .notReady, restore: F.restoreSucceeded()), now: F.at(600))
        #expect(late.status.phase == .failed)
        #expect(F.readyReason(late) == "NotServing")
        #expect(late.status.restoredBackup == F.older)
        #expect(late.status.message?.contains("the live data is the restored data") == true)
    }

    @Test func aClusterDeletedWhileVerifyingFails() {
        let status = RestoreRequestStatus(phase: .verifying, restoredBackup: F.older)
        let plan = RestorePlanner.plan(F.request(accepted: true, status: status), observed: F.observe(cluster: .notFound), now: F.at(60))
        #expect(plan.status.phase == .failed)
        #expect(F.readyReason(plan) == "ClusterNotFound")
        #expect(plan.status.message?.contains("restored backup \(F.older)") == true)
    }

    /// One request from creation to Completed, the output fed back each time: each Job is asked for once.
    @Test func aWholeRestoreAsksForEachJobOnce() {
        var request = F.request()
        let steps: [(RestoreObservation, Double, RestorePhase)] = [
            (F.observe(), 0, .safetyBackup),
            (F.observe(safety: .running), 2, .safetyBackup),
            (F.observe(safety: F.safetySucceeded), 40, .restoring),
            (F.observe(safety: F.safetySucceeded, restore: .running), 42, .restoring),
            (F.observe(cluster: .notReady, safety: F.safetySucceeded, restore: F.restoreSucceeded()), 80, .verifying),
            (F.observe(cluster: .ready, safety: F.safetySucceeded, restore: F.restoreSucceeded()), 95, .completed),
            (F.observe(cluster: .ready), 5000, .completed),
        ]
        var actions: [RestoreAction] = []
        var phases: [RestorePhase?] = []
        for (observation, time, expected) in steps {
            let plan = RestorePlanner.plan(request, observed: observation, now: F.at(time))
            if plan.action != .none { actions.append(plan.action) }
            phases.append(plan.status.phase)
            #expect(plan.status.phase == expected)
            request = F.applied(plan, to: request)
        }
        #expect(actions == [.createSafetyJob(policy: "nightly"), .createRestoreJob(policy: "nightly", backup: F.older)])
        #expect(request.status.startedAt == "2027-01-15T08:00:00Z")
        #expect(request.status.completedAt == "2027-01-15T08:01:35Z")
        #expect(request.status.safetyBackupName == F.safetyName)
        #expect(request.status.restoredBackup == F.older)
    }
}
