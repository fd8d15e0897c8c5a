import Foundation
import TestSupport
import Testing
@testable import KubeSim

/// Jobs get Pods whose outcome (exit code, termination message) a test rule chooses.
@Suite struct JobPodTests {
    static func job(_ name: String, labels: JSONValue = [:], backoffLimit: Int64 = 1) -> JSONValue {
        ["metadata": ["name": .string(name), "labels": labels], "spec": [
            "backoffLimit": .int(backoffLimit),
            "template": ["metadata": ["labels": ["app": "restore"]], "spec": ["containers": [["name": "main", "image": "busybox"]]]],
        ]]
    }

    static func pods(_ http: HTTPTestClient, job: String) async throws -> [JSONValue] {
        let list = try await http.send("GET", "/api/v1/namespaces/default/pods?labelSelector=batch.kubernetes.io%2Fjob-name%3D\(job)")
        return list.body["items"]?.arrayValue ?? []
    }

    @Test func podsFollowTheOutcomeRules() async throws {
        let (server, http) = try await Fixtures.startServer {
            $0.simulation = SimulationSettings(jobCompletionDelay: .seconds(2))
        }
        try await withCleanup({ await server.shutdown() }) {
            let rule: JSONValue = ["jobNamePrefix": "restore-", "succeed": false, "exitCode": 3, "message": "checksum mismatch"]
            #expect(try await http.send("POST", "/kubesim/job-outcomes", body: rule).status == 201)
            server.controllers.addJobOutcomeRule(JobOutcomeRule(labelSelector: "kind=ok", outcome: JobPodOutcome(succeed: true, message: "done")))
            let jobs = "/apis/batch/v1/namespaces/default/jobs"
            let created = try await http.send("POST", jobs, body: Self.job("restore-1"))
            _ = try await http.send("POST", jobs, body: Self.job("backup-1", labels: ["kind": "ok"]))
            _ = try await http.send("POST", jobs, body: Self.job("plain"))
            // Right after creation the Pod exists, Pending, owned by the Job.
            let early = try await Self.pods(http, job: "restore-1")
            #expect(early.count == 1)
            #expect(early.first?[path: ["status", "phase"]] == "Pending")
            #expect(early.first?[path: ["metadata", "labels", "job-name"]] == "restore-1")
            #expect(early.first?[path: ["metadata", "labels", "app"]] == "restore")
            #expect(early.first?[path: ["metadata", "labels", "controller-uid"]] == created.body[path: ["metadata", "uid"]])
            #expect(early.first?[path: ["metadata", "ownerReferences"]]?.arrayValue?.first?["kind"] == "Job")
            let running = try await SimulatedWorkloadTests.eventually {
                try await Self.pods(http, job: "plain").first?[path: ["status", "phase"]] == "Running"
            }
            #expect(running)
            let done = try await SimulatedWorkloadTests.eventually {
                let j = try await http.send("GET", jobs + "/restore-1")
                let k = try await http.send("GET", jobs + "/plain")
                return j.body[path: ["status", "failed"]] != nil && k.body[path: ["status", "succeeded"]] != nil
            }
            #expect(done)
            let failedJob = try await http.send("GET", jobs + "/restore-1").body
            #expect(failedJob[path: ["status", "failed"]] == 2)
            #expect(failedJob[path: ["status", "conditions"]]?.arrayValue?.contains { $0["type"] == "Failed" && $0["status"] == "True" } == true)
            let failedPods = try await Self.pods(http, job: "restore-1")
            #expect(failedPods.count == 2)
            for pod in failedPods {
                #expect(pod[path: ["status", "phase"]] == "Failed")
                let terminated = pod[path: ["status", "containerStatuses"]]?.arrayValue?.first?[path: ["state", "terminated"]]
                #expect(terminated?["exitCode"] == 3)
                #expect(terminated?["message"] == "checksum mismatch")
                #expect(terminated?["reason"] == "Error")
            }
            let backup = try await Self.pods(http, job: "backup-1")
            #expect(backup.first?[path: ["status", "phase"]] == "Succeeded")
            #expect(backup.first?[path: ["status", "containerStatuses"]]?.arrayValue?.first?[path: ["state", "terminated", "message"]] == "done")
            let plain = try await http.send("GET", jobs + "/plain").body
            #expect(plain[path: ["status", "conditions"]]?.arrayValue?.contains { $0["type"] == "Complete" } == true)
            #expect(plain[path: ["status", "completionTime"]] != nil)
            let plainPod = try await Self.pods(http, job: "plain").first
            #expect(plainPod?[path: ["status", "containerStatuses"]]?.arrayValue?.first?[path: ["state", "terminated", "exitCode"]] == 0)
            #expect(try await http.send("GET", "/kubesim/job-outcomes").body["items"]?.arrayValue?.count == 2)
            #expect(try await http.send("DELETE", "/kubesim/job-outcomes").status == 200)
            #expect(try await http.send("POST", "/kubesim/job-outcomes", body: ["message": "x"]).status == 400)
        }
    }
}
