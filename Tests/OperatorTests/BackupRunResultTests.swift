import Foundation
import KubeClient
import Testing
@testable import Operator

@Suite struct BackupRunResultTests {
    @Test func readsTheSuccessJSON() throws {
        let text = BackupFixtures.successJSON(name: "files-20261202T020000Z.sql.gz", takenAt: "2026-12-02T02:00:00Z",
                                              pruned: ["files-20261120T020000Z.sql.gz"])
        guard case .succeeded(let report) = BackupRunResult(terminationMessage: text) else {
            Issue.record("not a success")
            return
        }
        #expect(report.name == "files-20261202T020000Z.sql.gz")
        #expect(report.origin == "scheduled")
        #expect(report.takenAt == (try BackupFixtures.date("2026-12-02T02:00:00Z")))
        #expect(report.sizeBytes == 4096 && report.sha256 == String(repeating: "ab", count: 32))
        #expect(report.verified && report.durationSeconds == 42.4)
        #expect(report.prunedBackups == ["files-20261120T020000Z.sql.gz"] && !report.truncated)
    }

    @Test func readsWhatARealRunWrote() {
        // The result file of `filewallball backup ... --origin on-demand` against a private MariaDB.
        let text = #"{"blobs":1,"blobs_copied":1,"duration_seconds":0.200815195,"name":"filewallball_backup_20261202_070329.sql.gz","origin":"on-demand","pruned_backups":[],"pruned_blobs":0,"rows":0,"sha256":"5e611b5956f8843142598e52387af2893f1ed68798d0f1d1b5dcda02628fa8c5","size":523,"status":"ok","tables":0,"taken_at":"2026-12-02T07:03:29Z","verification":"restore-test","verification_seconds":0.026626988,"verified":true}"#
        #expect(BackupRunResult(terminationMessage: text) == .succeeded(BackupRunReport(
            name: "filewallball_backup_20261202_070329.sql.gz", origin: "on-demand", takenAt: Date(timeIntervalSince1970: 1_796_195_009),
            sizeBytes: 523, sha256: "5e611b5956f8843142598e52387af2893f1ed68798d0f1d1b5dcda02628fa8c5", verified: true,
            durationSeconds: 0.200815195)))
        // And what it wrote when the database URL was missing.
        let failure = #"{"code":"bad_arguments","exit_code":64,"message":"--database-url or FWB_DATABASE_URL is required","reason":"missing_database_url","status":"error"}"#
        #expect(BackupRunResult(terminationMessage: failure) == .failed(BackupRunFailure(
            code: "bad_arguments", reason: "missing_database_url", message: "--database-url or FWB_DATABASE_URL is required", exitCode: 64)))
    }

    @Test func readsAReducedDocument() {
        // What ResultFile keeps when even the essential keys barely fit.
        let text = #"{"name":"b1","origin":"on-demand","status":"ok","taken_at":"2026-12-02T02:00:00Z","truncated":true,"verified":true}"#
        #expect(BackupRunResult(terminationMessage: text) == .succeeded(BackupRunReport(
            name: "b1", origin: "on-demand", takenAt: Date(timeIntervalSince1970: 1_796_176_800), verified: true, truncated: true)))
    }

    @Test func readsTheFailureJSON() {
        #expect(BackupRunResult(terminationMessage: BackupFixtures.failureJSON()) == .failed(BackupRunFailure(
            code: "verification_failed", reason: "checksum_mismatch", message: "table files differs", exitCode: 12)))
        #expect(BackupRunFailure(code: "database_unavailable", reason: "", message: "").conditionReason == "DatabaseUnavailable")
        #expect(BackupRunFailure(code: "", reason: "", message: "").conditionReason == "JobFailed")
        #expect(BackupRunFailure(code: "9lives", reason: "", message: "").conditionReason == "JobFailed")
    }

    @Test(arguments: [
        "2026-12-02T02:00:01Z error: database_unavailable (connect): Can't connect\n",
        "",
        "[1,2]",
        #"{"status":"ok"}"#,
        #"{"status":"ok","name":"b1","taken_at":"yesterday","verified":true}"#,
        #"{"status":"maybe"}"#,
        #"{"status":"ok","name":"b1""#,
    ])
    func anythingElseIsUnreadable(_ text: String) {
        #expect(BackupRunResult(terminationMessage: text) == .unreadable(text))
    }

    @Test func observationReadsAJobAndItsPod() throws {
        var job = Job(name: "nightly-backup-29412345", namespace: "team-a")
        job.metadata.labels = [BackupJobNames.kindLabel: "scheduled"]
        job.status = JobStatus(object: [
            "startTime": "2026-12-02T02:00:00Z", "completionTime": "2026-12-02T02:01:00Z", "succeeded": 1,
            "conditions": [["type": "Complete", "status": "True"]],
        ])
        let message = BackupFixtures.successJSON(name: "b1", takenAt: "2026-12-02T02:00:00Z")
        var pod = Pod(name: "nightly-backup-29412345-abcde", namespace: "team-a")
        pod.status = PodStatus(object: ["containerStatuses": [
            ["name": "filewallball", "state": ["terminated": ["exitCode": 0, "message": .string(message)]]],
        ]])
        let observation = BackupJobObservation(job: job, pod: pod)
        #expect(observation.kind == .scheduled && observation.phase == .succeeded)
        #expect(observation.startedAt == (try BackupFixtures.date("2026-12-02T02:00:00Z")))
        #expect(observation.finishedAt == (try BackupFixtures.date("2026-12-02T02:01:00Z")))
        #expect(observation.terminationMessage == message && observation.exitCode == 0)
        guard case .succeeded? = observation.result else {
            Issue.record("expected a success")
            return
        }

        var failed = Job(name: "nightly-now-185b174c", namespace: "team-a")
        failed.status = JobStatus(object: [
            "startTime": "2026-12-02T03:00:00Z", "failed": 1,
            "conditions": [["type": "Failed", "status": "True", "lastTransitionTime": "2026-12-02T03:00:09Z"]],
        ])
        let failedObservation = BackupJobObservation(job: failed, pod: nil)
        #expect(failedObservation.kind == .onDemand && failedObservation.phase == .failed)
        #expect(failedObservation.finishedAt == (try BackupFixtures.date("2026-12-02T03:00:09Z")))
        #expect(failedObservation.terminationMessage == nil && failedObservation.result == nil)

        let running = BackupJobObservation(job: Job(name: "nightly-backup-1", namespace: "team-a"), pod: nil)
        #expect(running.phase == .running && running.finishedAt == nil)
    }

    @Test func aSucceededJobWhosePodHasNotArrivedIsAwaitedThenReportedMissing() throws {
        var job = Job(name: "nightly-backup-29412346", namespace: "team-a")
        job.status = JobStatus(object: [
            "startTime": "2026-12-02T02:00:00Z", "completionTime": "2026-12-02T02:01:00Z", "succeeded": 1,
            "conditions": [["type": "Complete", "status": "True"]],
        ])
        let completed = try BackupFixtures.date("2026-12-02T02:01:00Z")
        // The Job's completion came through its watch before the Pod's termination message: still running.
        let early = BackupJobObservation(job: job, pod: nil, now: completed.addingTimeInterval(2))
        #expect(early.awaitingResult && early.phase == .running && early.result == nil)
        #expect(BackupRunOutcome(early) == nil, "no failure is recorded while the result is on its way")
        // A Pod still running (not yet terminated in the cache) is awaited too.
        var running = Pod(name: "nightly-backup-29412346-abcde", namespace: "team-a")
        running.status = PodStatus(object: ["containerStatuses": [["name": "filewallball", "state": ["running": [:]]]]])
        #expect(BackupJobObservation(job: job, pod: running, now: completed.addingTimeInterval(5)).awaitingResult)
        // After the grace the missing result is reported as such.
        let late = BackupJobObservation(job: job, pod: nil, now: completed.addingTimeInterval(BackupJobObservation.resultGrace + 1))
        #expect(!late.awaitingResult && late.phase == .succeeded)
        #expect(BackupRunOutcome(late)?.failure?.failure.reason == "ResultMissing")
        // A Pod that ended without a message is no reason to wait.
        var ended = running
        ended.status = PodStatus(object: ["containerStatuses": [["name": "filewallball", "state": ["terminated": ["exitCode": 0]]]]])
        let empty = BackupJobObservation(job: job, pod: ended, now: completed.addingTimeInterval(2))
        #expect(!empty.awaitingResult && BackupRunOutcome(empty)?.failure?.failure.reason == "ResultMissing")
    }
}
