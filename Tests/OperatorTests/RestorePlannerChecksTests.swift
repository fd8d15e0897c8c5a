import FileWallBallAPI
import Foundation
import KubeClient
import Testing
@testable import Operator

/// What ends a request Failed before any Job starts, and the refusal of a changed spec.
@Suite struct RestorePlannerChecksTests {
    typealias F = RestoreFixtures

    /// Asserts a Failed plan with `reason`, no Job, no accepted-spec write; returns its message.
    @discardableResult
    func expectRejected(_ plan: RestorePlan, _ reason: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        #expect(plan.status.phase == .failed, sourceLocation: sourceLocation)
        #expect(plan.action == .none, sourceLocation: sourceLocation)
        #expect(plan.acceptSpecAnnotation == nil, sourceLocation: sourceLocation)
        #expect(plan.requeueAfter == nil, sourceLocation: sourceLocation)
        #expect(F.readyReason(plan) == reason, sourceLocation: sourceLocation)
        #expect(F.condition(plan.status, "Ready")?.status == .false, sourceLocation: sourceLocation)
        #expect(F.condition(plan.status, "Failed")?.reason == reason, sourceLocation: sourceLocation)
        #expect(plan.status.completedAt == "2027-01-15T08:00:00Z", sourceLocation: sourceLocation)
        return plan.status.message ?? ""
    }

    @Test func anUnknownClusterFails() {
        let message = expectRejected(RestorePlanner.plan(F.request(), observed: F.observe(cluster: .notFound), now: F.t0), "ClusterNotFound")
        #expect(message.contains("FileWallBallCluster files not found in namespace team-a"))
        #expect(message.contains("spec.clusterRef.name"))
        #expect(message.contains("the live data is untouched"))
    }

    @Test func aMissingOrForeignPolicyFails() {
        let named = F.request(spec: F.spec(policy: "weekly"))
        var message = expectRejected(RestorePlanner.plan(named, observed: F.observe(), now: F.t0), "BackupPolicyNotFound")
        #expect(message.contains("BackupPolicy weekly not found in namespace team-a (spec.backupPolicyName)"))
        let foreign = F.observe(policies: [F.policy(), F.policy("weekly", cluster: "other")])
        message = expectRejected(RestorePlanner.plan(named, observed: foreign, now: F.t0), "BackupPolicyNotFound")
        #expect(message.contains("backs up cluster other, not files"))
        message = expectRejected(RestorePlanner.plan(F.request(), observed: F.observe(policies: [F.policy(cluster: "other")]), now: F.t0),
                                 "BackupPolicyNotFound")
        #expect(message.contains("no BackupPolicy in namespace team-a backs up cluster files"))
    }

    @Test func twoPoliciesNeedANamedOne() {
        let observed = F.observe(policies: [F.policy("weekly"), F.policy("nightly")])
        let message = expectRejected(RestorePlanner.plan(F.request(), observed: observed, now: F.t0), "AmbiguousBackupPolicy")
        #expect(message.contains("2 BackupPolicies (nightly, weekly)"))
        #expect(message.contains("spec.backupPolicyName"))
        let plan = RestorePlanner.plan(F.request(spec: F.spec(policy: "weekly")), observed: observed, now: F.t0)
        #expect(plan.action == .createSafetyJob(policy: "weekly"))
    }

    @Test func aMissingOrUnverifiedBackupFails() {
        var message = expectRejected(RestorePlanner.plan(F.request(spec: F.spec(backup: "filewallball_backup_20200101_000000.sql.gz")),
                                                         observed: F.observe(), now: F.t0), "BackupNotFound")
        #expect(message.contains("backup filewallball_backup_20200101_000000.sql.gz not found in the status.backups of BackupPolicy nightly (spec.backup)"))
        message = expectRejected(RestorePlanner.plan(F.request(spec: F.spec(backup: F.unverified)), observed: F.observe(), now: F.t0), "BackupNotVerified")
        #expect(message.contains(F.unverified))
        expectRejected(RestorePlanner.plan(F.request(), observed: F.observe(policies: [F.policy(backups: nil)]), now: F.t0), "BackupNotFound")
    }

    @Test func latestNeedsAVerifiedBackupThatIsNotASafetyBackup() {
        let onlySafetyAndUnverified = [
            KeptBackup(name: F.safetyName, takenAt: "2027-01-15T08:00:30Z", verified: true, origin: "safety"),
            KeptBackup(name: F.unverified, takenAt: "2027-01-13T02:00:00Z", verified: false, origin: "scheduled"),
        ]
        let message = expectRejected(RestorePlanner.plan(F.request(spec: F.spec(backup: "latest")),
                                                         observed: F.observe(policies: [F.policy(backups: onlySafetyAndUnverified)]), now: F.t0),
                                     "BackupNotFound")
        #expect(message.contains("no verified backup to restore as latest"))
        let plan = RestorePlanner.plan(F.request(spec: F.spec(backup: "latest")), observed: F.observe(), now: F.t0)
        #expect(plan.action == .createSafetyJob(policy: "nightly"))
    }

    @Test func aSafetyBackupCanBeRestoredByName() {
        let withSafety = [KeptBackup(name: F.safetyName, takenAt: "2027-01-15T08:00:30Z", verified: true, origin: "safety")] + F.backups
        let plan = RestorePlanner.plan(F.request(spec: F.spec(backup: F.safetyName, safety: false)),
                                       observed: F.observe(policies: [F.policy(backups: withSafety)]), now: F.t0)
        #expect(plan.action == .createRestoreJob(policy: "nightly", backup: F.safetyName))
    }

    @Test func anInvalidSpecFailsNamingTheField() throws {
        var request = F.request()
        request.spec = .failure(RestoreSpecIssue(field: "spec.backup", problem: "\"../x\" is neither latest nor a backup name"))
        let message = expectRejected(RestorePlanner.plan(request, observed: F.observe(), now: F.t0), "InvalidSpec")
        #expect(message.hasPrefix("spec.backup: "))
    }

    @Test func aChangedSpecIsRefusedBeforeAnythingStarts() {
        var request = F.request(accepted: true)
        request.spec = .success(F.spec(backup: F.newest))
        let message = expectRejected(RestorePlanner.plan(request, observed: F.observe(), now: F.t0), "SpecChanged")
        #expect(message.contains("spec changed after the controller accepted it"))
        #expect(message.contains(F.newest))
        #expect(message.contains("the live data is untouched"))
    }

    @Test func aChangedSpecIsRefusedAfterTheSafetyBackup() {
        var request = F.request(accepted: true, status: RestoreRequestStatus(phase: .safetyBackup))
        request.spec = .success(F.spec(safety: false))
        let plan = RestorePlanner.plan(request, observed: F.observe(safety: F.safetySucceeded), now: F.t0)
        let message = expectRejected(plan, "SpecChanged")
        #expect(message.contains("Safety backup \(F.safetyName) was taken; nothing was restored"))
        #expect(F.condition(plan.status, "SafetyBackupTaken")?.status == .true)
    }

    @Test func aChangedSpecDoesNotHideARunningRestore() {
        var request = F.request(accepted: true, status: RestoreRequestStatus(phase: .restoring))
        request.spec = .success(F.spec(cluster: "elsewhere"))
        #expect(request.actingSpec == F.spec())
        let running = RestorePlanner.plan(request, observed: F.observe(restore: .running), now: F.t0)
        #expect(running.status.phase == .restoring)
        #expect(running.action == .none)
        let done = RestorePlanner.plan(F.applied(running, to: request), observed: F.observe(restore: F.restoreSucceeded()), now: F.at(10))
        #expect(done.status.phase == .completed)
        #expect(done.status.message?.contains("cluster files") == true)
    }

    @Test func aChangedSpecThatIsInvalidOrAnUnreadableRecordIsRefused() {
        var invalid = F.request(accepted: true)
        invalid.spec = .failure(RestoreSpecIssue(field: "spec.clusterRef.name", problem: "must not be empty"))
        #expect(expectRejected(RestorePlanner.plan(invalid, observed: F.observe(), now: F.t0), "SpecChanged").contains("now invalid"))
        var forged = F.request()
        forged.acceptedSpec = "not json"
        #expect(expectRejected(RestorePlanner.plan(forged, observed: F.observe(), now: F.t0), "SpecChanged").contains("annotation"))
        var bothBad = forged
        bothBad.spec = .failure(RestoreSpecIssue(field: "spec", problem: "is missing"))
        expectRejected(RestorePlanner.plan(bothBad, observed: F.observe(), now: F.t0), "SpecChanged")
    }

    @Test func anInvalidSpecWithARunningJobAndNoRecordIsAChangedSpec() {
        var request = F.request(status: RestoreRequestStatus(phase: .restoring))
        request.spec = .failure(RestoreSpecIssue(field: "spec.backup", problem: "is bad"))
        let message = expectRejected(RestorePlanner.plan(request, observed: F.observe(restore: .running), now: F.t0), "SpecChanged")
        #expect(message.contains("annotation was removed"))
        #expect(message.contains("Job r1-restore was left to finish"))
        #expect(!message.contains("Nothing was started"))
    }

    @Test func aRemovedRecordAfterTheStartStopsNewJobsAndIsNotRewritten() {
        let request = F.request(status: RestoreRequestStatus(phase: .safetyBackup))
        let plan = RestorePlanner.plan(request, observed: F.observe(safety: F.safetySucceeded), now: F.t0)
        expectRejected(plan, "SpecChanged")
        #expect(plan.status.message?.contains("annotation was removed") == true)
    }

    @Test func theClusterIsCheckedAgainBeforeTheRestoreJob() {
        let request = F.request(accepted: true, status: RestoreRequestStatus(phase: .safetyBackup))
        let plan = RestorePlanner.plan(request, observed: F.observe(cluster: .notFound, safety: F.safetySucceeded), now: F.t0)
        let message = expectRejected(plan, "ClusterNotFound")
        #expect(message.contains("Safety backup \(F.safetyName) was taken; nothing was restored"))
        #expect(plan.status.safetyBackupName == F.safetyName)
    }

    @Test func aNotReadyClusterCanStillBeRestored() {
        let plan = RestorePlanner.plan(F.request(), observed: F.observe(cluster: .notReady), now: F.t0)
        #expect(plan.action == .createSafetyJob(policy: "nightly"))
    }
}
