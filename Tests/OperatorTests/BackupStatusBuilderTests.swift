import FileWallBallAPI
import Foundation
import KubeClient
import Testing
@testable import Operator

@Suite struct BackupStatusBuilderTests {
    let policy = BackupFixtures.policy()
    let now = "2026-12-02T06:00:00Z"

    func status(_ jobs: [BackupJobObservation], previous: BackupPolicyStatus? = nil, clusterExists: Bool = true, cronJobExists: Bool = true,
                policy: BackupPolicyInput? = nil, at time: String? = nil) throws -> BackupPolicyStatus {
        BackupStatusBuilder.status(policy: policy ?? self.policy,
                                   observed: BackupPolicyObservation(clusterExists: clusterExists, cronJobExists: cronJobExists,
                                                                     cronJobLastScheduleTime: "2026-12-02T02:00:00Z", jobs: jobs),
                                   previous: previous, now: try BackupFixtures.date(time ?? now))
    }

    func condition(_ status: BackupPolicyStatus, _ type: String) throws -> StatusCondition {
        try #require(status.conditions?.first { $0.type == type })
    }

    func success(_ job: String = "nightly-backup-1", backup: String = "b-0200", takenAt: String = "2026-12-02T02:00:00Z",
                 finished: String = "2026-12-02T02:01:00Z", kind: BackupJobKind = .scheduled, pruned: [String] = []) throws -> BackupJobObservation {
        try BackupFixtures.job(job, kind: kind, phase: .succeeded, started: takenAt, finished: finished,
                               message: BackupFixtures.successJSON(name: backup, takenAt: takenAt, origin: kind.rawValue, pruned: pruned))
    }

    @Test func aVerifiedBackupIsTheLastSuccessfulOne() throws {
        let result = try status([try success()])
        let record = try #require(result.lastSuccessfulBackup)
        #expect(record == BackupRecord(name: "b-0200", takenAt: "2026-12-02T02:00:00Z", sizeBytes: 4096,
                                       sha256: String(repeating: "ab", count: 32), verified: true, durationSeconds: 42))
        #expect(result.lastFailure == nil)
        #expect(result.backups == [KeptBackup(name: "b-0200", takenAt: "2026-12-02T02:00:00Z", sizeBytes: 4096, verified: true, origin: "scheduled")])
        #expect(result.observedGeneration == 4 && result.lastScheduleTime == "2026-12-02T02:00:00Z")
        #expect(result.nextScheduleTime == "2026-12-03T02:00:00Z")
        let healthy = try condition(result, "BackupHealthy")
        #expect(healthy.status == .true && healthy.reason == "BackupSucceeded" && healthy.observedGeneration == 4)
        let ready = try condition(result, "Ready")
        #expect(ready.status == .true && ready.reason == "Scheduled" && ready.lastTransitionTime == now)
    }

    @Test func anUnverifiedBackupIsAFailureNeverASuccess() throws {
        let job = try BackupFixtures.job("nightly-backup-1", phase: .succeeded, started: "2026-12-02T02:00:00Z", finished: "2026-12-02T02:01:00Z",
                                         message: BackupFixtures.successJSON(name: "b-0200", takenAt: "2026-12-02T02:00:00Z", verified: false))
        let result = try status([job])
        #expect(result.lastSuccessfulBackup == nil && result.backups == nil)
        let failure = try #require(result.lastFailure)
        #expect(failure.reason == "NotVerified" && failure.time == "2026-12-02T02:01:00Z")
        #expect(failure.message.contains("b-0200"))
        let healthy = try condition(result, "BackupHealthy")
        #expect(healthy.status == .false && healthy.reason == "BackupFailed")
    }

    @Test func aFailedRunReportsTheCommandsCode() throws {
        let job = try BackupFixtures.job("nightly-backup-2", phase: .failed, started: "2026-12-02T02:00:00Z", finished: "2026-12-02T02:00:30Z",
                                         message: BackupFixtures.failureJSON(), exitCode: 12)
        let result = try status([job])
        #expect(result.lastFailure == BackupFailure(time: "2026-12-02T02:00:30Z", reason: "VerificationFailed",
                                                    message: "checksum_mismatch: table files differs (exit code 12)"))
        #expect(result.lastSuccessfulBackup == nil)
        #expect(try condition(result, "BackupHealthy").status == .false)
    }

    @Test func logLinesInsteadOfJSONAreAFailureWithTheText() throws {
        let logs = "2026-12-02T02:00:01Z starting\nfatal: mariadb-dump: Got error: 2002\n"
        let failed = try BackupFixtures.job("nightly-backup-3", phase: .failed, started: "2026-12-02T02:00:00Z", finished: "2026-12-02T02:00:05Z",
                                            message: logs, exitCode: 139)
        let result = try status([failed])
        let failure = try #require(result.lastFailure)
        #expect(failure.reason == "JobFailed")
        #expect(failure.message == "the Job nightly-backup-3 failed (exit code 139): 2026-12-02T02:00:01Z starting\nfatal: mariadb-dump: Got error: 2002")

        // A succeeded Job whose message is unreadable or missing is not a success either.
        let unreadable = try BackupFixtures.job("nightly-backup-4", phase: .succeeded, started: "2026-12-02T03:00:00Z",
                                                finished: "2026-12-02T03:00:05Z", message: "done")
        #expect(try status([unreadable]).lastFailure?.reason == "ResultUnreadable")
        let silent = try BackupFixtures.job("nightly-backup-5", phase: .succeeded, started: "2026-12-02T03:00:00Z",
                                            finished: "2026-12-02T03:00:05Z", message: nil)
        #expect(try status([silent]).lastFailure?.reason == "ResultMissing")
        #expect(try status([silent]).lastSuccessfulBackup == nil)
    }

    @Test func theNewestRunDecidesHealth() throws {
        let failed = try BackupFixtures.job("nightly-now-1", kind: .onDemand, phase: .failed, started: "2026-12-01T12:00:00Z",
                                            finished: "2026-12-01T12:00:10Z", message: BackupFixtures.failureJSON(code: "database_unavailable"))
        let recovered = try status([failed, try success()])
        #expect(try condition(recovered, "BackupHealthy").status == .true)
        #expect(recovered.lastFailure?.reason == "DatabaseUnavailable")

        // A run refused while another held the lock fails before the running one ends: still healthy.
        let busy = try BackupFixtures.job("nightly-now-2", kind: .onDemand, phase: .failed, started: "2026-12-02T02:00:20Z",
                                          finished: "2026-12-02T02:00:21Z", message: BackupFixtures.failureJSON(code: "busy"))
        #expect(try condition(try status([busy, try success()]), "BackupHealthy").status == .true)

        let later = try BackupFixtures.job("nightly-backup-9", phase: .failed, started: "2026-12-02T05:00:00Z",
                                           finished: "2026-12-02T05:00:10Z", message: BackupFixtures.failureJSON(code: "no_space"))
        let broken = try status([try success(), later])
        #expect(try condition(broken, "BackupHealthy").status == .false)
        #expect(broken.lastSuccessfulBackup?.name == "b-0200" && broken.lastFailure?.reason == "NoSpace")
    }

    @Test func noBackupYetAndRunningJobs() throws {
        let running = BackupJobObservation(jobName: "nightly-backup-1", kind: .scheduled, startedAt: try BackupFixtures.date("2026-12-02T02:00:00Z"),
                                           phase: .running)
        let result = try status([running])
        let healthy = try condition(result, "BackupHealthy")
        #expect(healthy.status == .unknown && healthy.reason == "NoBackupYet")
        #expect(result.lastSuccessfulBackup == nil && result.lastFailure == nil && result.backups == nil)
    }

    @Test func sameInputsGiveTheSameStatus() throws {
        let jobs = [try success(), try BackupFixtures.job("nightly-now-1", kind: .onDemand, phase: .failed, started: "2026-12-01T12:00:00Z",
                                                          finished: "2026-12-01T12:00:10Z", message: BackupFixtures.failureJSON())]
        let first = try status(jobs)
        #expect(try status(jobs) == first)
        // Fed back as the previous status, later: unchanged but for nothing (conditions keep their time).
        let again = try status(jobs, previous: first, at: "2026-12-02T07:00:00Z")
        #expect(again == first)
        // The Jobs gone (history limit): the records stay.
        let withoutJobs = try status([], previous: first, at: "2026-12-02T07:00:00Z")
        #expect(withoutJobs == first)
    }

    @Test func conditionsKeepTheirTransitionTimeUntilTheyChange() throws {
        let first = try status([try success()])
        let failed = try BackupFixtures.job("nightly-backup-2", phase: .failed, started: "2026-12-03T02:00:00Z", finished: "2026-12-03T02:00:30Z",
                                            message: BackupFixtures.failureJSON())
        let second = try status([try success(), failed], previous: first, at: "2026-12-03T03:00:00Z")
        #expect(try condition(second, "Ready").lastTransitionTime == now)
        #expect(try condition(second, "BackupHealthy").lastTransitionTime == "2026-12-03T03:00:00Z")
        #expect(try condition(second, "BackupHealthy").status == .false)
        #expect(second.lastSuccessfulBackup == first.lastSuccessfulBackup)
        #expect(second.nextScheduleTime == "2026-12-04T02:00:00Z")
    }

    @Test func keptBackupsFollowRetention() throws {
        let day1 = try success("nightly-backup-1", backup: "b1", takenAt: "2026-11-30T02:00:00Z", finished: "2026-11-30T02:01:00Z")
        let day2 = try success("nightly-backup-2", backup: "b2", takenAt: "2026-12-01T02:00:00Z", finished: "2026-12-01T02:01:00Z")
        let day3 = try success("nightly-backup-3", backup: "b3", takenAt: "2026-12-02T02:00:00Z", finished: "2026-12-02T02:01:00Z", pruned: ["b1"])
        let first = try status([day1, day2, day3])
        #expect(first.backups?.map(\.name) == ["b3", "b2"])
        #expect(first.lastSuccessfulBackup?.name == "b3")
        // b1's Job is still observed, but b1 was pruned: it does not come back on the next pass.
        let second = try status([day1, day3], previous: first)
        #expect(second.backups?.map(\.name) == ["b3", "b2"])
        // A safety backup joins the list but is not the policy's last successful backup.
        let safety = try success("undo-safety", backup: "s4", takenAt: "2026-12-02T04:00:00Z", finished: "2026-12-02T04:01:00Z", kind: .safety)
        let third = try status([day3, safety], previous: second)
        #expect(third.backups?.map(\.name) == ["s4", "b3", "b2"])
        #expect(third.backups?.first?.origin == "safety")
        #expect(third.lastSuccessfulBackup?.name == "b3")
    }

    @Test func readyExplainsWhatIsMissing() throws {
        let noCluster = try condition(try status([], clusterExists: false), "Ready")
        #expect(noCluster.status == .false && noCluster.reason == "ClusterNotFound")
        #expect(noCluster.message.contains("files") && noCluster.message.contains("team-a"))

        let pending = try condition(try status([], cronJobExists: false), "Ready")
        #expect(pending.status == .false && pending.reason == "CronJobPending")

        let invalid = BackupFixtures.policy(spec: BackupPolicySpec(clusterRef: LocalObjectReference(name: "files"), schedule: "0 2 * * 8"))
        let invalidStatus = try status([], policy: invalid)
        let invalidReady = try condition(invalidStatus, "Ready")
        #expect(invalidReady.status == .false && invalidReady.reason == "InvalidSchedule")
        #expect(invalidReady.message == "invalid schedule \"0 2 * * 8\" (Etc/UTC): day-of-week: 8 is out of range 0-6")
        #expect(invalidStatus.nextScheduleTime == nil)

        let badZone = BackupFixtures.policy(spec: BackupPolicySpec(clusterRef: LocalObjectReference(name: "files"), timeZone: "Nowhere/Land"))
        #expect(try condition(try status([], policy: badZone), "Ready").reason == "InvalidSchedule")

        var suspendedSpec = BackupPolicySpec(clusterRef: LocalObjectReference(name: "files"))
        suspendedSpec.suspend = true
        let suspended = try status([], policy: BackupFixtures.policy(spec: suspendedSpec))
        #expect(try condition(suspended, "Ready").reason == "Suspended")
        #expect(suspended.nextScheduleTime == nil)
    }

    @Test func nextScheduleTimeIsInThePolicysTimeZone() throws {
        let paris = BackupFixtures.policy(spec: BackupPolicySpec(clusterRef: LocalObjectReference(name: "files"), timeZone: "Europe/Paris"))
        #expect(try status([], policy: paris).nextScheduleTime == "2026-12-03T01:00:00Z")
    }

    @Test func lastOnDemandRequestIsKeptOrReplaced() throws {
        var previous = BackupPolicyStatus()
        previous.lastOnDemandRequest = "v1"
        #expect(try status([], previous: previous).lastOnDemandRequest == "v1")
        let replaced = BackupStatusBuilder.status(policy: policy, observed: BackupPolicyObservation(
            clusterExists: true, cronJobExists: true, lastOnDemandRequest: "v2"), previous: previous, now: try BackupFixtures.date(now))
        #expect(replaced.lastOnDemandRequest == "v2")
    }

    @Test func restoreJobsAreIgnoredAndTheStatusEncodesForTheSchema() throws {
        let restore = try BackupFixtures.job("undo-restore", kind: .restore, phase: .failed, started: "2026-12-02T03:00:00Z",
                                             finished: "2026-12-02T03:00:10Z", message: BackupFixtures.failureJSON(code: "restore_failed"))
        let result = try status([restore, try success()])
        #expect(result.lastFailure == nil)
        let encoded = try JSONParser.parse(Array(try JSONEncoder().encode(result)))
        #expect(encoded["lastSuccessfulBackup"]?["sha256"]?.stringValue?.count == 64)
        #expect(encoded["conditions"]?.arrayValue?.count == 2)
    }
}
