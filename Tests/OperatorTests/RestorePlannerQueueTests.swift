import FileWallBallAPI
import Foundation
import KubeClient
import Testing
@testable import Operator

/// One restore per cluster: who goes first, and what the others say while they wait.
@Suite struct RestorePlannerQueueTests {
    typealias F = RestoreFixtures

    static func peer(_ request: RestoreRequestInput) -> RestorePeer { RestorePeer(request) }

    @Test func theSecondRequestOfAClusterWaitsNamingTheFirst() {
        var first = F.request("first", created: -120)
        var second = F.request("second", created: -60)
        var firstPlan = RestorePlanner.plan(first, observed: F.observe(peers: [Self.peer(second)]), now: F.t0)
        #expect(firstPlan.action == .createSafetyJob(policy: "nightly"))
        first = F.applied(firstPlan, to: first)

        let secondPlan = RestorePlanner.plan(second, observed: F.observe(peers: [Self.peer(first)]), now: F.t0)
        #expect(secondPlan.status.phase == .pending)
        #expect(secondPlan.action == .none)
        #expect(secondPlan.requeueAfter == nil)
        #expect(F.readyReason(secondPlan) == "Waiting")
        #expect(secondPlan.status.message == "waiting for RestoreRequest first (SafetyBackup) to finish: one restore per cluster files at a time")
        #expect(secondPlan.acceptSpecAnnotation == F.spec().canonicalJSON)
        second = F.applied(secondPlan, to: second)
        let again = RestorePlanner.plan(second, observed: F.observe(peers: [Self.peer(first)]), now: F.at(30))
        #expect(again == RestorePlan(status: secondPlan.status))

        firstPlan = RestorePlanner.plan(first, observed: F.observe(cluster: .ready, peers: [Self.peer(second)], safety: F.safetySucceeded,
                                                                   restore: F.restoreSucceeded()), now: F.at(60))
        #expect(firstPlan.status.phase == .completed)
        first = F.applied(firstPlan, to: first)
        let released = RestorePlanner.plan(second, observed: F.observe(peers: [Self.peer(first)]), now: F.at(61))
        #expect(released.status.phase == .safetyBackup)
        #expect(released.action == .createSafetyJob(policy: "nightly"))
    }

    @Test func theOlderPendingRequestGoesFirstAndTiesGoByName() {
        let older = F.request("zeta", created: -120)
        let newer = F.request("alpha", created: -60)
        #expect(RestorePlanner.plan(newer, observed: F.observe(peers: [Self.peer(older)]), now: F.t0).status.message?.contains("zeta (Pending)") == true)
        #expect(RestorePlanner.plan(older, observed: F.observe(peers: [Self.peer(newer)]), now: F.t0).action == .createSafetyJob(policy: "nightly"))
        let twinA = F.request("a", created: -60)
        let twinB = F.request("b", created: -60)
        #expect(RestorePlanner.plan(twinA, observed: F.observe(peers: [Self.peer(twinB)]), now: F.t0).action == .createSafetyJob(policy: "nightly"))
        #expect(RestorePlanner.plan(twinB, observed: F.observe(peers: [Self.peer(twinA)]), now: F.t0).status.phase == .pending)
    }

    @Test func aRequestPastPendingKeepsTheSlotEvenIfNewer() {
        let older = F.request("older", created: -120)
        let active = RestorePeer(name: "newer", clusterName: "files", creationTimestamp: KubeTime.format(F.at(-60)), phase: .restoring)
        let plan = RestorePlanner.plan(older, observed: F.observe(peers: [active]), now: F.t0)
        #expect(plan.status.phase == .pending)
        #expect(plan.status.message?.contains("newer (Restoring)") == true)
        let verifying = RestorePeer(name: "newer", clusterName: "files", creationTimestamp: KubeTime.format(F.at(-60)), phase: .verifying)
        #expect(RestorePlanner.plan(older, observed: F.observe(peers: [verifying]), now: F.t0).status.phase == .pending)
    }

    @Test func finishedOtherClustersAndItselfDoNotBlock() {
        let me = F.request("me", created: -60)
        let peers = [
            RestorePeer(name: "done", clusterName: "files", creationTimestamp: KubeTime.format(F.at(-600)), phase: .completed),
            RestorePeer(name: "failed", clusterName: "files", creationTimestamp: KubeTime.format(F.at(-500)), phase: .failed),
            RestorePeer(name: "elsewhere", clusterName: "other", creationTimestamp: KubeTime.format(F.at(-400)), phase: .restoring),
            RestorePeer(name: "broken", clusterName: nil, creationTimestamp: KubeTime.format(F.at(-300)), phase: nil),
            Self.peer(me),
        ]
        #expect(RestorePlanner.plan(me, observed: F.observe(peers: peers), now: F.t0).action == .createSafetyJob(policy: "nightly"))
    }

    @Test func aWaitingRequestStillFailsAtOnceWhenItsBackupIsMissing() {
        let first = RestorePeer(name: "first", clusterName: "files", creationTimestamp: KubeTime.format(F.at(-600)), phase: .restoring)
        let plan = RestorePlanner.plan(F.request(spec: F.spec(backup: "nope")), observed: F.observe(peers: [first]), now: F.t0)
        #expect(plan.status.phase == .failed)
        #expect(F.readyReason(plan) == "BackupNotFound")
    }

    @Test func theSlotIsOnlyCheckedBeforeTheFirstJob() {
        let newerActive = RestorePeer(name: "newer", clusterName: "files", creationTimestamp: KubeTime.format(F.at(-10)), phase: .safetyBackup)
        let mine = F.request(accepted: true, status: RestoreRequestStatus(phase: .safetyBackup))
        let plan = RestorePlanner.plan(mine, observed: F.observe(peers: [newerActive], safety: F.safetySucceeded), now: F.t0)
        #expect(plan.action == .createRestoreJob(policy: "nightly", backup: F.older))
    }
}
