import FileWallBallAPI
import Foundation
import KubeClient

/// Why a Job cannot be started: a reason and the message naming what is missing.
struct RestoreRejection: Error {
    let reason: RestoreReason
    let message: String
}

extension RestorePass {
    /// Pending: checks, then the one-restore-per-cluster slot, then the first Job.
    mutating func start(_ spec: ResolvedRestoreSpec) {
        let untouched = " Nothing was started; the live data is untouched."
        if let refusal {
            draft.fail(.specChanged, "\(refusal); the controller refuses to act on a changed spec (create a new RestoreRequest).\(untouched)")
            return
        }
        let policy: RestorePolicyCandidate
        switch check(spec) {
        case .failure(let rejection): return draft.fail(rejection.reason, rejection.message + untouched)
        case .success(let found): policy = found
        }
        if let ahead = requestAhead(spec) {
            draft.progress(.pending, .waiting,
                           "waiting for RestoreRequest \(ahead.name) (\(ahead.phase?.rawValue ?? "Pending")) to finish: one restore per cluster \(spec.clusterName) at a time")
            return
        }
        draft.status.startedAt = draft.timestamp
        guard spec.safetyBackup else { return startRestore(spec, policy: policy, safetyBackup: nil) }
        draft.set(RestoreConditions.safetyBackupTaken, .unknown, RestoreConditions.jobRequested, "Job \(safetyJobName) requested", restartClock: true)
        draft.progress(.safetyBackup, .safetyBackupRunning, "taking a safety backup of cluster \(spec.clusterName) (Job \(safetyJobName))")
        action = .createSafetyJob(policy: policy.name)
        requeueAfter = RestorePlanner.jobRetryDelay
    }

    /// Records the restore Job's request (status first), then asks for it; checks cluster, policy and
    /// backup again, as they may have changed during the safety backup.
    mutating func startRestore(_ spec: ResolvedRestoreSpec, policy known: RestorePolicyCandidate?, safetyBackup: String?) {
        let untouched = safetyBackup.map { " Safety backup \($0) was taken; nothing was restored: the live data is untouched." }
            ?? " Nothing was restored; the live data is untouched."
        if let refusal {
            draft.fail(.specChanged, "\(refusal); the controller refuses to act on a changed spec (create a new RestoreRequest).\(untouched)")
            return
        }
        let policy: RestorePolicyCandidate
        if let known {
            policy = known
        } else {
            switch check(spec) {
            case .failure(let rejection): return draft.fail(rejection.reason, rejection.message + untouched)
            case .success(let found): policy = found
            }
        }
        draft.status.startedAt = draft.status.startedAt ?? draft.timestamp
        draft.set(RestoreConditions.restored, .unknown, RestoreConditions.jobRequested, "Job \(restoreJobName) requested", restartClock: true)
        let what = spec.isLatest ? "the newest verified backup" : "backup \(spec.backup)"
        draft.progress(.restoring, .restoring,
                       "restoring \(what) of BackupPolicy \(policy.name) into cluster \(spec.clusterName) (Job \(restoreJobName); the file service is in maintenance during the swap)")
        action = .createRestoreJob(policy: policy.name, backup: spec.backup)
        requeueAfter = RestorePlanner.jobRetryDelay
    }

    /// The cluster exists, the BackupPolicy is found (named, or the cluster's only one) and the backup is
    /// in its `status.backups` (a verified one that is not a safety backup for `latest`).
    func check(_ spec: ResolvedRestoreSpec) -> Result<RestorePolicyCandidate, RestoreRejection> {
        let namespace = request.namespace
        guard observed.cluster != .notFound else {
            return .failure(RestoreRejection(reason: .clusterNotFound, message: "FileWallBallCluster \(spec.clusterName) not found in namespace \(namespace) (spec.clusterRef.name)."))
        }
        let policy: RestorePolicyCandidate
        if let name = spec.backupPolicyName {
            guard let named = observed.policies.first(where: { $0.name == name }) else {
                return .failure(RestoreRejection(reason: .backupPolicyNotFound, message: "BackupPolicy \(name) not found in namespace \(namespace) (spec.backupPolicyName)."))
            }
            guard named.clusterName == spec.clusterName else {
                return .failure(RestoreRejection(reason: .backupPolicyNotFound,
                                                 message: "BackupPolicy \(name) backs up cluster \(named.clusterName), not \(spec.clusterName) (spec.backupPolicyName)."))
            }
            policy = named
        } else {
            let ofCluster = observed.policies.filter { $0.clusterName == spec.clusterName }.sorted { $0.name < $1.name }
            guard let only = ofCluster.first else {
                return .failure(RestoreRejection(reason: .backupPolicyNotFound,
                                                 message: "no BackupPolicy in namespace \(namespace) backs up cluster \(spec.clusterName)."))
            }
            guard ofCluster.count == 1 else {
                return .failure(RestoreRejection(reason: .ambiguousBackupPolicy,
                                                 message: "cluster \(spec.clusterName) has \(ofCluster.count) BackupPolicies (\(ofCluster.map(\.name).joined(separator: ", "))): create a RestoreRequest that sets spec.backupPolicyName."))
            }
            policy = only
        }
        let backups = policy.backups ?? []
        if spec.isLatest {
            guard backups.contains(where: { $0.verified && $0.origin != "safety" }) else {
                return .failure(RestoreRejection(reason: .backupNotFound,
                                                 message: "BackupPolicy \(policy.name) has no verified backup to restore as latest (safety backups are restored by name only)."))
            }
        } else {
            guard let backup = backups.first(where: { $0.name == spec.backup }) else {
                return .failure(RestoreRejection(reason: .backupNotFound,
                                                 message: "backup \(spec.backup) not found in the status.backups of BackupPolicy \(policy.name) (spec.backup)."))
            }
            guard backup.verified else {
                return .failure(RestoreRejection(reason: .backupNotVerified,
                                                 message: "backup \(spec.backup) of BackupPolicy \(policy.name) did not pass verification (spec.backup)."))
            }
        }
        return .success(policy)
    }

    /// The request of the same cluster that goes first: one past Pending (it keeps the slot), else the
    /// oldest Pending one older than this (ties by name); nil when this one may start.
    func requestAhead(_ spec: ResolvedRestoreSpec) -> RestorePeer? {
        let peers = observed.peers.filter { $0.name != request.name && $0.clusterName == spec.clusterName }
        let active: [RestorePhase] = [.safetyBackup, .restoring, .verifying]
        if let holder = peers.filter({ $0.phase.map(active.contains) ?? false }).min(by: { Self.queueKey($0) < Self.queueKey($1) }) {
            return holder
        }
        let mine = Self.queueKey(RestorePeer(name: request.name, clusterName: spec.clusterName, creationTimestamp: request.creationTimestamp, phase: nil))
        return peers.filter { ($0.phase == nil || $0.phase == .pending) && Self.queueKey($0) < mine }
            .min { Self.queueKey($0) < Self.queueKey($1) }
    }

    /// Creation time (seconds since 1970; unreadable sorts last), then name.
    private static func queueKey(_ peer: RestorePeer) -> QueueKey {
        QueueKey(created: KubeTime.parse(peer.creationTimestamp)?.timeIntervalSince1970 ?? .infinity, name: peer.name)
    }

    /// The order in which Pending requests of a cluster start.
    private struct QueueKey: Comparable {
        let created: Double
        let name: String
        static func < (lhs: QueueKey, rhs: QueueKey) -> Bool { (lhs.created, lhs.name) < (rhs.created, rhs.name) }
    }
}
