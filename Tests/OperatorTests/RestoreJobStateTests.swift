import Foundation
import KubeClient
import Testing
@testable import Operator

/// Reading a Job and its pods into a `RestoreJobState`, and the result documents in termination messages.
@Suite struct RestoreJobStateTests {
    static func job(_ condition: String?) -> Job {
        var job = Job(object: ["metadata": .object(["name": .string("r1-restore")])])
        if let condition {
            job.status.conditions = [Condition(type: condition, status: "True", reason: "x", message: "")]
        }
        return job
    }

    static func pod(_ name: String, created: String, exitCode: Int, message: String?, key: String = "state") -> Pod {
        var terminated: JSONObject = ["exitCode": .int(Int64(exitCode))]
        if let message { terminated["message"] = .string(message) }
        var pod = Pod(object: ["metadata": .object(["name": .string(name), "creationTimestamp": .string(created)])])
        pod.status.containerStatuses = .array([.object(["name": .string("restore"), key: .object(["terminated": .object(terminated)])])])
        return pod
    }

    @Test func readsTheJobAndItsNewestTerminatedPod() {
        #expect(RestoreJobState(job: nil, pods: []) == .absent)
        #expect(RestoreJobState(job: Self.job(nil), pods: []) == .running)
        #expect(RestoreJobState(job: Self.job("SuccessCriteriaMet"), pods: []) == .running)
        let old = Self.pod("p1", created: "2027-01-15T08:00:00Z", exitCode: 22, message: "old")
        let new = Self.pod("p2", created: "2027-01-15T08:05:00Z", exitCode: 16, message: "new", key: "lastState")
        #expect(RestoreJobState(job: Self.job("Failed"), pods: [old, new]) == .failed(message: "new", exitCode: 16))
        let ok = Self.pod("p3", created: "2027-01-15T08:01:00Z", exitCode: 0, message: #"{"status":"ok"}"#)
        #expect(RestoreJobState(job: Self.job("Complete"), pods: [new, ok]) == .succeeded(message: #"{"status":"ok"}"#, exitCode: 0))
        #expect(RestoreJobState(job: Self.job("Complete"), pods: []) == .succeeded(message: nil, exitCode: nil))
    }

    @Test func aCompletedJobWhosePodHasNotArrivedIsAwaited() throws {
        var job = Self.job("Complete")
        job.status.completionTime = "2027-01-15T08:10:00Z"
        let completed = try #require(KubeTime.parse("2027-01-15T08:10:00Z"))
        #expect(RestoreJobState(job: job, pods: [], now: completed.addingTimeInterval(3)) == .running)
        #expect(RestoreJobState.awaitsResult(job: job, pods: [], now: completed.addingTimeInterval(3)))
        let late = completed.addingTimeInterval(BackupJobObservation.resultGrace + 1)
        #expect(RestoreJobState(job: job, pods: [], now: late) == .succeeded(message: nil, exitCode: nil))
        #expect(!RestoreJobState.awaitsResult(job: job, pods: [], now: late))
        let ok = Self.pod("p3", created: "2027-01-15T08:01:00Z", exitCode: 0, message: #"{"status":"ok"}"#)
        #expect(RestoreJobState(job: job, pods: [ok], now: completed) == .succeeded(message: #"{"status":"ok"}"#, exitCode: 0))
    }

    @Test func parsesResultDocuments() throws {
        let restore = try #require(RestoreJobState.Report.parse(#"{"restored":"b1","safety_backup":"s1","status":"ok","tables":3}"# + "\n"))
        #expect(restore.isSuccess)
        #expect(restore.restored == "b1")
        #expect(restore.safetyBackup == "s1")
        let backup = try #require(RestoreJobState.Report.parse(#"{"name":"s1","origin":"safety","status":"ok","truncated":true}"#))
        #expect(backup.name == "s1")
        let failure = try #require(RestoreJobState.Report.parse(
            #"{"code":"backup_rejected","exit_code":21,"message":"checksum mismatch","reason":"checksum_mismatch","status":"error"}"#))
        #expect(!failure.isSuccess)
        #expect(failure.exitCode == 21)
        #expect(failure.failureText == "checksum mismatch (backup_rejected/checksum_mismatch, exit 21)")
        let logs = "2027-01-15T08:00:00Z info starting\n{\"code\":\"busy\",\"exit_code\":15,\"message\":\"locked\",\"reason\":\"lock\",\"status\":\"error\"}\nerror: busy (lock): locked\n"
        #expect(RestoreJobState.Report.parse(logs)?.code == "busy")
        #expect(RestoreJobState.Report.parse("Error: Unknown option '--bogus'") == nil)
        #expect(RestoreJobState.Report.parse(#"{"restored":"b1"}"#) == nil)
        #expect(RestoreJobState.Report.parse(nil) == nil)
    }
}
