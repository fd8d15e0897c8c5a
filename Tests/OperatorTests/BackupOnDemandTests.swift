import Testing
@testable import Operator

@Suite struct BackupOnDemandTests {
    let job = BackupJobNames.onDemand(policy: "nightly", value: "v2")

    @Test func aNewValueStartsOneJob() {
        #expect(OnDemandDecision.decide(policy: "nightly", annotation: "v2", lastRequest: "v1", existingJobs: [])
            == .start(jobName: job, value: "v2"))
        #expect(OnDemandDecision.decide(policy: "nightly", annotation: "v2", lastRequest: nil, existingJobs: ["nightly-backup-1"])
            == .start(jobName: job, value: "v2"))
    }

    @Test func aHandledValueStartsNothing() {
        #expect(OnDemandDecision.decide(policy: "nightly", annotation: "v2", lastRequest: "v2", existingJobs: []) == .nothing)
        #expect(OnDemandDecision.decide(policy: "nightly", annotation: "v2", lastRequest: "v2", existingJobs: [job]) == .nothing)
        #expect(OnDemandDecision.decide(policy: "nightly", annotation: nil, lastRequest: "v2", existingJobs: []) == .nothing)
        #expect(OnDemandDecision.decide(policy: "nightly", annotation: "", lastRequest: nil, existingJobs: []) == .nothing)
    }

    @Test func aJobCreatedBeforeARestartIsOnlyRecorded() {
        // The controller created the Job, then stopped before writing status.lastOnDemandRequest.
        #expect(OnDemandDecision.decide(policy: "nightly", annotation: "v2", lastRequest: "v1", existingJobs: [job]) == .record(value: "v2"))
    }
}
