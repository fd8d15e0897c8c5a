import FileWallBallAPI
import Foundation
import KubeClient
import KubeRuntime
import Testing
@testable import Operator

@Suite struct ClusterStatusBuilderTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    var t1: Date { t0.addingTimeInterval(60) }

    func builder(replicas: Int = 2) throws -> ClusterObjectBuilder {
        try ClusterObjectBuilder(input: Fixtures.input(name: "files", replicas: replicas), credentials: Fixtures.credentials)
    }

    func statefulSet(ready: Int) -> StatefulSet {
        var set = StatefulSet(object: [:])
        set.status.readyReplicas = ready
        return set
    }

    func deployment(ready: Int, updated: Int? = nil, generation: Int = 1, observed: Int = 1) -> Deployment {
        var deployment = Deployment(object: [:])
        deployment.metadata.generation = generation
        deployment.status.readyReplicas = ready
        deployment.status.updatedReplicas = updated ?? ready
        deployment.status.observedGeneration = observed
        return deployment
    }

    func status(_ observed: ClusterStatusBuilder.Observed, previous: FileWallBallClusterStatus? = nil, at now: Date? = nil) throws -> (FileWallBallClusterStatus, [ClusterStatusBuilder.Transition]) {
        ClusterStatusBuilder.status(builder: try builder(), observed: observed, previous: previous, now: now ?? t0)
    }

    func condition(_ status: FileWallBallClusterStatus, _ type: String) -> StatusCondition? { status.conditions?.condition(ofType: type) }

    @Test func nothingYetIsPendingWithEveryConditionFalse() throws {
        let (status, transitions) = try status(.init(database: nil, cache: nil, app: nil))
        #expect(status.phase == .pending)
        #expect(status.conditions?.map(\.type) == ["Ready", "DatabaseReady", "CacheReady", "AppReady", "Degraded"])
        #expect(status.conditions?.allSatisfy { $0.status == .false && $0.observedGeneration == 3 } == true)
        #expect(condition(status, "DatabaseReady")?.reason == "StatefulSetMissing")
        #expect(condition(status, "Ready")?.message.contains("MariaDB (StatefulSet files-mariadb 0/1 ready)") == true)
        #expect(transitions.count == 5 && transitions.allSatisfy { $0.previous == nil })
        #expect(status.replicaSummary == "0/2")
        #expect(status.url == "http://files-api.team-a.svc:8080")
        #expect(status.selector == "app.kubernetes.io/component=file-service,app.kubernetes.io/instance=files,app.kubernetes.io/name=filewallball")
        #expect(status.secrets == ClusterSecretNames(database: "files-database", cache: "files-cache", admin: "files-admin"))
    }

    @Test func everythingReadyIsReadyAndTransitionsKeepTheirTimes() throws {
        let (pending, _) = try status(.init(database: nil, cache: nil, app: nil))
        let all = ClusterStatusBuilder.Observed(database: statefulSet(ready: 1), cache: deployment(ready: 1), app: deployment(ready: 2))
        let (ready, transitions) = try status(all, previous: pending, at: t1)
        #expect(ready.phase == .ready)
        #expect(condition(ready, "Ready")?.status == .true)
        #expect(condition(ready, "Ready")?.lastTransitionTime == KubeTime.format(t1))
        // Degraded stayed False: its time is the first one, and it is no transition.
        #expect(condition(ready, "Degraded")?.lastTransitionTime == KubeTime.format(t0))
        #expect(Set(transitions.map(\.condition.type)) == ["Ready", "DatabaseReady", "CacheReady", "AppReady"])
        #expect(transitions.allSatisfy { $0.previous == .false })
        // The same observation again changes nothing: no transition, an identical status (no write).
        let (again, none) = try status(all, previous: ready, at: t1.addingTimeInterval(30))
        #expect(again == ready)
        #expect(none.isEmpty)
    }

    @Test func aWorkloadsOwnProblemIsNamedAndAHealthyOnesConditionsAreNotCached() throws {
        var app = deployment(ready: 0)
        var status = app.object["status"]?.objectValue ?? [:]
        status["conditions"] = .array([
            .object(["type": "Progressing", "status": "True", "reason": "ReplicaSetUpdated", "message": "progressing"]),
            .object(["type": "Available", "status": "False", "reason": "MinimumReplicasUnavailable",
                     "message": "container filewallball of pod files-api-x: ErrImageNeverPull: nginx:1.27 cannot run here"]),
        ])
        app.object["status"] = .object(status)
        // The projection keeps the problem and drops the healthy condition.
        let projected = CachedProjection.project(app, keepStatus: true)
        let kept = projected.object["status"]?["conditions"]?.arrayValue ?? []
        #expect(kept.count == 1 && kept.first?["type"]?.stringValue == "Available")
        let (cluster, _) = try self.status(.init(database: statefulSet(ready: 1), cache: deployment(ready: 1), app: projected))
        let appReady = try #require(condition(cluster, "AppReady"))
        #expect(appReady.message == "Deployment files-api has 0/2 ready replicas; MinimumReplicasUnavailable: container filewallball of pod files-api-x: ErrImageNeverPull: nginx:1.27 cannot run here")
        #expect(condition(cluster, "Ready")?.message.contains("ErrImageNeverPull") == true)
        // A healthy Deployment's conditions are not cached at all.
        var healthy = deployment(ready: 2)
        var healthyStatus = healthy.object["status"]?.objectValue ?? [:]
        healthyStatus["conditions"] = .array([.object(["type": "Available", "status": "True", "reason": "MinimumReplicasAvailable", "message": "ok"])])
        healthy.object["status"] = .object(healthyStatus)
        #expect(CachedProjection.project(healthy, keepStatus: true).object["status"]?["conditions"] == nil)
    }

    @Test func servingWithRedisDownOrFewerReplicasIsDegraded() throws {
        let (noCache, _) = try status(.init(database: statefulSet(ready: 1), cache: deployment(ready: 0), app: deployment(ready: 2)))
        #expect(noCache.phase == .degraded)
        #expect(condition(noCache, "Degraded")?.status == .true)
        #expect(condition(noCache, "Ready")?.status == .false)
        let (short, _) = try status(.init(database: statefulSet(ready: 1), cache: deployment(ready: 1), app: deployment(ready: 1)))
        #expect(short.phase == .degraded)
        #expect(condition(short, "AppReady")?.message == "Deployment files-api has 1/2 ready replicas")
        #expect(short.replicaSummary == "1/2")
    }

    @Test func aDeploymentThatHasNotSeenItsNewSpecIsNotReady() throws {
        let (stale, _) = try status(.init(database: statefulSet(ready: 1), cache: deployment(ready: 1), app: deployment(ready: 2, generation: 2, observed: 1)))
        #expect(condition(stale, "AppReady")?.status == .false)
        let (rolling, _) = try status(.init(database: statefulSet(ready: 1), cache: deployment(ready: 1), app: deployment(ready: 2, updated: 1)))
        #expect(condition(rolling, "AppReady")?.status == .false)
    }

    @Test func onlyTheDatabaseUpIsProvisioning() throws {
        let (status, _) = try status(.init(database: statefulSet(ready: 1), cache: nil, app: nil))
        #expect(status.phase == .provisioning)
        #expect(condition(status, "Degraded")?.reason == "NotServing")
    }

    @Test func invalidSpecKeepsObservedValuesAndNamesTheField() throws {
        let (ready, _) = try status(.init(database: statefulSet(ready: 1), cache: deployment(ready: 1), app: deployment(ready: 2)))
        let (invalid, transitions) = ClusterStatusBuilder.invalidSpec(message: "spec.app.maxUploadSize: not whole bytes", generation: 4, previous: ready, now: t1)
        #expect(invalid.phase == .failed)
        #expect(invalid.observedGeneration == 4)
        #expect(condition(invalid, "Ready")?.reason == "InvalidSpec")
        #expect(condition(invalid, "Ready")?.message == "spec.app.maxUploadSize: not whole bytes")
        #expect(invalid.url == ready.url)
        #expect(transitions.map(\.condition.type) == ["Ready"])
    }

    @Test func eventsWarnOnlyWhenAConditionLeavesItsGoodState() {
        func event(_ type: String, _ status: ConditionStatus) -> EventRecorder.EventType {
            ClusterReconciler.eventType(of: StatusCondition(type: type, status: status, reason: "R", message: "m", lastTransitionTime: ""))
        }
        #expect(event("Ready", .true) == .normal)
        #expect(event("Ready", .false) == .warning)
        #expect(event("DatabaseReady", .false) == .warning)
        #expect(event("Degraded", .true) == .warning)
        #expect(event("Degraded", .false) == .normal)
    }
}
