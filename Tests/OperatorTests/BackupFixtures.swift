import FileWallBallAPI
import Foundation
import KubeClient
@testable import Operator

/// Shared inputs of the BackupPolicy tests.
enum BackupFixtures {
    static let policyUID = "7a2b3c4d-0000-4000-8000-000000000002"

    static func policy(name: String = "nightly", spec: BackupPolicySpec = BackupPolicySpec(clusterRef: LocalObjectReference(name: "files")),
                       generation: Int = 4, annotations: [String: String] = [:]) -> BackupPolicyInput {
        BackupPolicyInput(name: name, namespace: "team-a", uid: policyUID, generation: generation, spec: spec, annotations: annotations)
    }

    static func builder(policy: BackupPolicyInput = policy(), deletionPolicy: DeletionPolicy? = nil) throws -> BackupObjectBuilder {
        try BackupObjectBuilder(policy: policy, cluster: Fixtures.input(deletionPolicy: deletionPolicy))
    }

    /// A UTC date from `YYYY-MM-DDTHH:MM:SSZ`.
    static func date(_ text: String) throws -> Date {
        guard let date = KubeTime.parse(text) else { throw FixtureError(detail: "bad date \(text)") }
        return date
    }

    /// The backup command's success JSON, as `CommandSupport.json` writes it.
    static func successJSON(name: String, takenAt: String, verified: Bool = true, origin: String = "scheduled",
                            pruned: [String] = [], duration: Double = 42.4) -> String {
        let prunedJSON = pruned.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"blobs":12,"blobs_copied":3,"duration_seconds":\#(duration),"name":"\#(name)","origin":"\#(origin)","#
            + #""pruned_backups":[\#(prunedJSON)],"pruned_blobs":0,"rows":1200,"sha256":"\#(String(repeating: "ab", count: 32))","#
            + #""size":4096,"status":"ok","tables":7,"taken_at":"\#(takenAt)","verification":"restore-test","#
            + #""verification_seconds":3.5,"verified":\#(verified)}"#
    }

    /// The commands' failure JSON.
    static func failureJSON(code: String = "verification_failed", reason: String = "checksum_mismatch",
                            message: String = "table files differs", exitCode: Int = 12) -> String {
        #"{"code":"\#(code)","exit_code":\#(exitCode),"message":"\#(message)","reason":"\#(reason)","status":"error"}"#
    }

    /// A finished Job's observation.
    static func job(_ name: String, kind: BackupJobKind = .scheduled, phase: BackupJobObservation.Phase, started: String,
                    finished: String?, message: String?, exitCode: Int? = nil) throws -> BackupJobObservation {
        BackupJobObservation(jobName: name, kind: kind, startedAt: try date(started), finishedAt: try finished.map(date), phase: phase,
                             terminationMessage: message, exitCode: exitCode ?? (phase == .succeeded ? 0 : 1))
    }
}
