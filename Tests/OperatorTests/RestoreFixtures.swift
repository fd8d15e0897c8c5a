import FileWallBallAPI
import Foundation
import KubeClient
@testable import Operator

/// Shared inputs of the restore planner tests: one cluster `files` in `team-a`, its BackupPolicy
/// `nightly`, and Job results shaped like `filewallball backup`/`restore --result-file` write them.
enum RestoreFixtures {
    /// 2027-01-15T08:00:00Z.
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let newest = "filewallball_backup_20270115_020000.sql.gz"
    static let older = "filewallball_backup_20270114_020000.sql.gz"
    static let unverified = "filewallball_backup_20270113_020000.sql.gz"
    static let safetyName = "filewallball_backup_20270115_080030.sql.gz"

    static let backups = [
        KeptBackup(name: newest, takenAt: "2027-01-15T02:00:00Z", verified: true, origin: "scheduled"),
        KeptBackup(name: older, takenAt: "2027-01-14T02:00:00Z", verified: true, origin: "scheduled"),
        KeptBackup(name: unverified, takenAt: "2027-01-13T02:00:00Z", verified: false, origin: "on-demand"),
    ]

    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    static func spec(backup: String = older, safety: Bool = true, policy: String? = nil, cluster: String = "files") -> ResolvedRestoreSpec {
        ResolvedRestoreSpec(clusterName: cluster, backupPolicyName: policy, backup: backup, safetyBackup: safety)
    }

    /// A request created at `t0 + created` seconds; `accepted` records the spec as accepted already.
    static func request(_ name: String = "r1", spec: ResolvedRestoreSpec = spec(), created: Double = -60, accepted: Bool = false,
                        status: RestoreRequestStatus = RestoreRequestStatus()) -> RestoreRequestInput {
        RestoreRequestInput(name: name, namespace: "team-a", uid: "uid-\(name)", generation: 1, creationTimestamp: KubeTime.format(at(created)),
                            spec: .success(spec), acceptedSpec: accepted ? spec.canonicalJSON : nil, status: status)
    }

    static func policy(_ name: String = "nightly", cluster: String = "files", backups: [KeptBackup]? = backups) -> RestorePolicyCandidate {
        RestorePolicyCandidate(name: name, clusterName: cluster, backups: backups)
    }

    static func observe(cluster: RestoreClusterPresence = .ready, policies: [RestorePolicyCandidate] = [policy()], peers: [RestorePeer] = [],
                        safety: RestoreJobState = .absent, restore: RestoreJobState = .absent) -> RestoreObservation {
        RestoreObservation(cluster: cluster, policies: policies, peers: peers, safetyJob: safety, restoreJob: restore)
    }

    static let safetySucceeded = RestoreJobState.succeeded(
        message: #"{"blobs":3,"duration_seconds":4.5,"name":"\#(safetyName)","origin":"safety","sha256":"ab","status":"ok","taken_at":"2027-01-15T08:00:30Z","verified":true}"#,
        exitCode: 0)
    static func restoreSucceeded(_ restored: String = older, safety: String? = nil) -> RestoreJobState {
        let safetyField = safety.map { #","safety_backup":"\#($0)""# } ?? ""
        return .succeeded(message: #"{"blobs_restored":2,"restored":"\#(restored)","resumed":false\#(safetyField),"rows":12,"status":"ok","tables":4}"#, exitCode: 0)
    }
    static let restoreFailed22 = RestoreJobState.failed(
        message: #"{"code":"restore_failed","exit_code":22,"message":"table files: 3 rows in staging, the manifest says 4","reason":"row_count_mismatch","status":"error"}"#,
        exitCode: 22)

    /// The request as the glue leaves it after carrying `plan` out (annotation, then status).
    static func applied(_ plan: RestorePlan, to request: RestoreRequestInput) -> RestoreRequestInput {
        var next = request
        next.status = plan.status
        if let annotation = plan.acceptSpecAnnotation { next.acceptedSpec = annotation }
        return next
    }

    static func condition(_ status: RestoreRequestStatus, _ type: String) -> StatusCondition? {
        status.conditions?.first { $0.type == type }
    }

    /// The Ready condition's reason.
    static func readyReason(_ plan: RestorePlan) -> String? { condition(plan.status, "Ready")?.reason }
}
