import FileWallBallAPI
import Foundation
import KubeClient
import Testing
@testable import Operator

/// Level-based planning: restarts, lost status writes, vanished Jobs, and final phases that stick.
@Suite struct RestorePlannerRestartTests {
    typealias F = RestoreFixtures

    /// The observations of a restore's life, each with the time of the pass.
    static let life: [(RestoreObservation, Double)] = [
        (F.observe(), 0),
        (F.observe(safety: .running), 2),
        (F.observe(safety: F.safetySucceeded), 40),
        (F.observe(safety: F.safetySucceeded, restore: .running), 42),
        (F.observe(cluster: .notReady, safety: F.safetySucceeded, restore: F.restoreSucceeded()), 80),
        (F.observe(cluster: .ready, safety: F.safetySucceeded, restore: F.restoreSucceeded()), 95),
    ]

    @Test(arguments: 0..<life.count)
    func planningAgainWithTheOutputFedBackAsksForNothingNew(step: Int) {
        var request = F.request()
        for (observation, time) in Self.life.prefix(step) {
            request = F.applied(RestorePlanner.plan(request, observed: observation, now: F.at(time)), to: request)
        }
        let (observation, time) = Self.life[step]
        let first = RestorePlanner.plan(request, observed: observation, now: F.at(time))
        let fedBack = F.applied(first, to: request)
        let second = RestorePlanner.plan(fedBack, observed: observation, now: F.at(time))
        #expect(second.action == .none)
        #expect(second.acceptSpecAnnotation == nil)
        #expect(second.status == first.status)
        let later = RestorePlanner.plan(fedBack, observed: observation, now: F.at(time + 5))
        #expect(later.action == .none)
        #expect(later.status.phase == first.status.phase)
    }

    @Test func aRestartMidRestoreWithTheStatusLostLandsOnRestoring() {
        let request = F.request(accepted: true)
        let plan = RestorePlanner.plan(request, observed: F.observe(safety: F.safetySucceeded, restore: .running), now: F.t0)
        #expect(plan.status.phase == .restoring)
        #expect(plan.action == .none)
        #expect(plan.status.safetyBackupName == F.safetyName)
        #expect(F.condition(plan.status, "Restored")?.reason == "JobRunning")
        #expect(F.condition(plan.status, "SafetyBackupTaken")?.status == .true)
    }

    @Test func aRestartAfterTheRestoreLandsOnVerifyingWithTheNamesFromTheResult() {
        let request = F.request(spec: F.spec(backup: "latest"), accepted: true)
        let plan = RestorePlanner.plan(request, observed: F.observe(cluster: .notReady, restore: F.restoreSucceeded(F.newest, safety: F.safetyName)),
                                       now: F.t0)
        #expect(plan.status.phase == .verifying)
        #expect(plan.status.restoredBackup == F.newest)
        #expect(plan.status.safetyBackupName == F.safetyName)
        #expect(plan.action == .none)
    }

    @Test func aRestoreJobDeletedAfterVerifyingWasRecordedIsNotRunAgain() {
        let status = RestoreRequestStatus(phase: .verifying, restoredBackup: F.older, safetyBackupName: F.safetyName)
        let plan = RestorePlanner.plan(F.request(accepted: true, status: status), observed: F.observe(cluster: .ready), now: F.t0)
        #expect(plan.status.phase == .completed)
        #expect(plan.status.restoredBackup == F.older)
        #expect(plan.action == .none)
    }

    /// The restore Job was seen running; its success was never written; its TTL deleted it.
    @Test func aRestoreJobThatVanishedUnrecordedEndsFailedNeverInASecondJob() {
        var request = F.request(accepted: true, status: RestoreRequestStatus(phase: .safetyBackup))
        request = F.applied(RestorePlanner.plan(request, observed: F.observe(safety: F.safetySucceeded), now: F.t0), to: request)
        request = F.applied(RestorePlanner.plan(request, observed: F.observe(safety: F.safetySucceeded, restore: .running), now: F.at(2)), to: request)
        #expect(request.status.phase == .restoring)
        let plan = RestorePlanner.plan(request, observed: F.observe(), now: F.at(86_400))
        #expect(plan.status.phase == .failed)
        #expect(plan.action == .none)
        #expect(F.readyReason(plan) == "RestoreJobLost")
        #expect(plan.status.message?.contains("unknown whether the backup was restored") == true)
        #expect(plan.status.message?.contains(F.safetyName) == true)
        let again = RestorePlanner.plan(F.applied(plan, to: request), observed: F.observe(), now: F.at(86_500))
        #expect(again == RestorePlan(status: plan.status))
    }

    @Test func aRequestedRestoreJobThatNeverAppearsIsAskedForAgainThenFails() {
        var request = F.request(spec: F.spec(safety: false))
        let start = RestorePlanner.plan(request, observed: F.observe(), now: F.t0)
        #expect(start.action == .createRestoreJob(policy: "nightly", backup: F.older))
        request = F.applied(start, to: request)
        let soon = RestorePlanner.plan(request, observed: F.observe(), now: F.at(5))
        #expect(soon.action == .none)
        #expect(soon.requeueAfter == .seconds(10))
        let retry = RestorePlanner.plan(request, observed: F.observe(), now: F.at(20))
        #expect(retry.action == .createRestoreJob(policy: "nightly", backup: F.older))
        #expect(retry.status == request.status)
        #expect(retry.requeueAfter == .seconds(100))
        let late = RestorePlanner.plan(request, observed: F.observe(), now: F.at(120))
        #expect(late.status.phase == .failed)
        #expect(late.action == .none)
        #expect(F.readyReason(late) == "JobNotStarted")
        #expect(late.status.message?.contains("never appeared within 120s") == true)
    }

    /// Right after the create the informer may not show the Job yet: nothing is re-checked or failed then.
    @Test func aJustRequestedRestoreJobIsNotJudgedBeforeTheRetryDelay() {
        var request = F.request(spec: F.spec(safety: false))
        request = F.applied(RestorePlanner.plan(request, observed: F.observe(), now: F.t0), to: request)
        let early = RestorePlanner.plan(request, observed: F.observe(cluster: .notFound, policies: []), now: F.at(5))
        #expect(early.status == request.status)
        #expect(early.action == .none)
        let late = RestorePlanner.plan(request, observed: F.observe(cluster: .notFound, policies: []), now: F.at(20))
        #expect(late.status.phase == .failed)
        #expect(F.readyReason(late) == "ClusterNotFound")
        #expect(late.status.message?.contains("requested but never seen: the live data is most likely untouched") == true)
        #expect(late.action == .none)
        var changed = request
        changed.spec = .success(F.spec(backup: F.newest, safety: false))
        #expect(RestorePlanner.plan(changed, observed: F.observe(), now: F.at(5)).status == request.status)
        #expect(F.readyReason(RestorePlanner.plan(changed, observed: F.observe(), now: F.at(20))) == "SpecChanged")
    }

    @Test func aSafetyJobThatVanishedIsTakenAgain() {
        var request = F.request()
        request = F.applied(RestorePlanner.plan(request, observed: F.observe(), now: F.t0), to: request)
        request = F.applied(RestorePlanner.plan(request, observed: F.observe(safety: .running), now: F.at(2)), to: request)
        let plan = RestorePlanner.plan(request, observed: F.observe(), now: F.at(3600))
        #expect(plan.status.phase == .safetyBackup)
        #expect(plan.action == .createSafetyJob(policy: "nightly"))
        #expect(F.condition(plan.status, "SafetyBackupTaken")?.reason == "JobRequested")
        #expect(F.condition(plan.status, "SafetyBackupTaken")?.lastTransitionTime == KubeTime.format(F.at(3600)))
        let fedBack = RestorePlanner.plan(F.applied(plan, to: request), observed: F.observe(), now: F.at(3600))
        #expect(fedBack.action == .none)
    }

    @Test func aRequestedSafetyJobThatNeverAppearsFails() {
        let request = F.applied(RestorePlanner.plan(F.request(), observed: F.observe(), now: F.t0), to: F.request())
        #expect(RestorePlanner.plan(request, observed: F.observe(), now: F.at(30)).action == .createSafetyJob(policy: "nightly"))
        let late = RestorePlanner.plan(request, observed: F.observe(), now: F.at(121))
        #expect(F.readyReason(late) == "JobNotStarted")
        #expect(late.status.message?.contains("the live data is untouched") == true)
    }

    static let finals: [RestoreRequestStatus] = [
        RestoreRequestStatus(phase: .completed, completedAt: "2027-01-15T07:00:00Z", restoredBackup: F.older, message: "done"),
        RestoreRequestStatus(phase: .failed, completedAt: "2027-01-15T07:00:00Z", message: "failed"),
    ]

    @Test(arguments: finals)
    func finalPhasesNeverChange(status: RestoreRequestStatus) {
        let observations = [
            F.observe(), F.observe(cluster: .notFound), F.observe(safety: .running, restore: .running),
            F.observe(restore: F.restoreFailed22), F.observe(restore: F.restoreSucceeded()), F.observe(policies: []),
        ]
        var changed = F.request(accepted: true, status: status)
        changed.spec = .success(F.spec(backup: F.newest))
        for request in [F.request(status: status), F.request(accepted: true, status: status), changed] {
            for observation in observations {
                #expect(RestorePlanner.plan(request, observed: observation, now: F.at(9999)) == RestorePlan(status: status))
            }
        }
    }
}
