import FileWallBallAPI
import Foundation
import KubeClient

/// Derives a cluster's status from what really runs: the MariaDB StatefulSet and the Redis and file
/// service Deployments as the informers last saw them. Pure; the reconciler writes the result only when it
/// differs from the stored status.
public enum ClusterStatusBuilder {
    /// Condition types, in the order they are listed.
    public enum ConditionType {
        /// Everything is ready: MariaDB, Redis and every desired file-service replica.
        public static let ready = "Ready"
        /// The MariaDB pod is ready.
        public static let databaseReady = "DatabaseReady"
        /// The Redis pod is ready.
        public static let cacheReady = "CacheReady"
        /// Every desired file-service replica is ready on the current spec.
        public static let appReady = "AppReady"
        /// The file API serves, with a part down (Redis, or some replicas).
        public static let degraded = "Degraded"
    }

    /// A condition that changed status in this derivation (for its Event).
    public struct Transition: Sendable, Equatable {
        /// The condition after the change.
        public var condition: StatusCondition
        /// The status before (nil when the condition is new).
        public var previous: ConditionStatus?
    }

    /// What the workloads report.
    public struct Observed: Sendable {
        /// The MariaDB StatefulSet, if it exists.
        public var database: StatefulSet?
        /// The Redis Deployment, if it exists.
        public var cache: Deployment?
        /// The file service Deployment, if it exists.
        public var app: Deployment?

        /// Creates an observation.
        public init(database: StatefulSet?, cache: Deployment?, app: Deployment?) {
            self.database = database
            self.cache = cache
            self.app = app
        }
    }

    /// The status of a cluster whose objects were applied, and the condition transitions it brings.
    public static func status(builder: ClusterObjectBuilder, observed: Observed, previous: FileWallBallClusterStatus?, now: Date) -> (FileWallBallClusterStatus, [Transition]) {
        let names = builder.names
        let generation = builder.input.generation
        let desired = builder.spec.appReplicas
        let databaseReady = (observed.database?.status.readyReplicas ?? 0) >= 1
        let cacheReady = (observed.cache?.status.readyReplicas ?? 0) >= 1
        let appStatus = observed.app?.status
        let appReadyCount = appStatus?.readyReplicas ?? 0
        let appCaughtUp = (appStatus?.observedGeneration ?? 0) >= (observed.app?.metadata.generation ?? 0)
        let appReady = observed.app != nil && appCaughtUp && appReadyCount >= desired && (appStatus?.updatedReplicas ?? appReadyCount) >= desired
        let serving = databaseReady && appReadyCount >= 1
        let ready = databaseReady && cacheReady && appReady
        let degraded = serving && !ready

        func condition(_ type: String, _ isTrue: Bool, _ reason: (true: String, false: String), _ message: (true: String, false: String)) -> StatusCondition {
            StatusCondition(type: type, status: isTrue ? .true : .false, reason: isTrue ? reason.true : reason.false,
                            message: isTrue ? message.true : message.false, lastTransitionTime: "", observedGeneration: generation)
        }
        let databaseCount = "\(observed.database?.status.readyReplicas ?? 0)/1"
        let cacheCount = "\(observed.cache?.status.readyReplicas ?? 0)/1"
        let appCount = "\(appReadyCount)/\(desired)"
        // A workload's own explanation (e.g. an image that cannot be pulled), when it gives one.
        func why(_ object: JSONObject?) -> String { WorkloadProblem.summary(object).map { "; \($0)" } ?? "" }
        let databaseWhy = why(observed.database?.object)
        let cacheWhy = why(observed.cache?.object)
        let appWhy = why(observed.app?.object)
        var missing: [String] = []
        if !databaseReady { missing.append("MariaDB (StatefulSet \(names.mariadb) \(databaseCount) ready\(databaseWhy))") }
        if !cacheReady { missing.append("Redis (Deployment \(names.redis) \(cacheCount) ready\(cacheWhy))") }
        if !appReady { missing.append("the file service (Deployment \(names.api) \(appCount) ready\(appWhy))") }
        let conditions = [
            condition(ConditionType.ready, ready, ("AllComponentsReady", serving ? "ComponentsNotReady" : "NotServing"),
                      ("MariaDB, Redis and \(appCount) file-service replicas are ready", "waiting for " + missing.joined(separator: ", "))),
            condition(ConditionType.databaseReady, databaseReady, ("StatefulSetReady", observed.database == nil ? "StatefulSetMissing" : "PodNotReady"),
                      ("StatefulSet \(names.mariadb) has \(databaseCount) ready pods", "StatefulSet \(names.mariadb) has \(databaseCount) ready pods\(databaseWhy)")),
            condition(ConditionType.cacheReady, cacheReady, ("DeploymentReady", observed.cache == nil ? "DeploymentMissing" : "PodNotReady"),
                      ("Deployment \(names.redis) has \(cacheCount) ready pods", "Deployment \(names.redis) has \(cacheCount) ready pods\(cacheWhy)")),
            condition(ConditionType.appReady, appReady, ("ReplicasReady", observed.app == nil ? "DeploymentMissing" : "ReplicasNotReady"),
                      ("Deployment \(names.api) has \(appCount) ready replicas", "Deployment \(names.api) has \(appCount) ready replicas\(appWhy)")),
            condition(ConditionType.degraded, degraded, ("PartiallyServing", serving ? "AllComponentsReady" : "NotServing"),
                      ("the file API serves but " + missing.joined(separator: ", ") + " is not ready",
                       ready ? "nothing is degraded" : "the file API is not serving yet")),
        ]
        let phase: ClusterPhase = ready ? .ready : degraded ? .degraded : (databaseReady || cacheReady || appReadyCount > 0) ? .provisioning : .pending
        let (merged, transitions) = merge(conditions, into: previous?.conditions ?? [], now: now)
        let status = FileWallBallClusterStatus(
            phase: phase, conditions: merged, observedGeneration: generation, replicas: desired, readyReplicas: appReadyCount,
            replicaSummary: "\(appReadyCount)/\(desired)",
            selector: ObjectLabels.selectorString(cluster: names.cluster, component: .fileService),
            url: "http://\(names.api).\(builder.input.namespace).svc:\(ClusterObjectBuilder.httpPort)",
            secrets: ClusterSecretNames(database: names.databaseSecret, cache: names.cacheSecret, admin: names.adminSecret))
        return (status, transitions)
    }

    /// The status of a cluster whose spec cannot be acted on: `Ready=False` with reason `InvalidSpec` and a
    /// message naming the field; the other members keep their last observed values.
    public static func invalidSpec(message: String, generation: Int, previous: FileWallBallClusterStatus?, now: Date) -> (FileWallBallClusterStatus, [Transition]) {
        var status = previous ?? FileWallBallClusterStatus()
        let condition = StatusCondition(type: ConditionType.ready, status: .false, reason: "InvalidSpec", message: message,
                                        lastTransitionTime: "", observedGeneration: generation)
        let (merged, transitions) = merge([condition], into: previous?.conditions ?? [], now: now)
        status.conditions = merged
        status.phase = .failed
        status.observedGeneration = generation
        return (status, transitions)
    }

    /// Sets each condition into the list (keeping lastTransitionTime when its status is unchanged).
    static func merge(_ conditions: [StatusCondition], into existing: [StatusCondition], now: Date) -> ([StatusCondition], [Transition]) {
        var list = existing
        var transitions: [Transition] = []
        for condition in conditions {
            let previous = list.condition(ofType: condition.type)?.status
            list.setCondition(condition, now: now)
            if previous != condition.status, let stored = list.condition(ofType: condition.type) {
                transitions.append(Transition(condition: stored, previous: previous))
            }
        }
        return (list, transitions)
    }
}
