import KubeClient
import Testing
@testable import Operator

@Suite struct OwnedObjectApplierTests {
    func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

    @Test func liveStateWithServerDefaultsHoldsTheIntent() throws {
        let intent = try parse(#"{"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"a","image":"x"}]}}},"metadata":{"labels":{"k":"v"}}}"#)
        let live = try parse(#"{"spec":{"replicas":2,"revisionHistoryLimit":10,"template":{"spec":{"containers":[{"name":"a","image":"x","imagePullPolicy":"IfNotPresent"}],"dnsPolicy":"ClusterFirst"}}},"metadata":{"labels":{"k":"v","extra":"1"},"uid":"u"},"status":{}}"#)
        #expect(OwnedObjectApplier.holds(live: live, intent: intent))
    }

    @Test(arguments: [
        #"{"spec":{"replicas":7,"template":{"spec":{"containers":[{"name":"a","image":"x"}]}}},"metadata":{"labels":{"k":"v"}}}"#,
        #"{"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"a","image":"y"}]}}},"metadata":{"labels":{"k":"v"}}}"#,
        #"{"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"a","image":"x"},{"name":"b"}]}}},"metadata":{"labels":{"k":"v"}}}"#,
        #"{"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"a","image":"x"}]}}},"metadata":{}}"#,
        #"{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"x"}]}}},"metadata":{"labels":{"k":"v"}}}"#,
    ])
    func driftIsSeen(live: String) throws {
        let intent = try parse(#"{"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"a","image":"x"}]}}},"metadata":{"labels":{"k":"v"}}}"#)
        #expect(!OwnedObjectApplier.holds(live: try parse(live), intent: intent))
    }

    @Test func numbersCompareByValueAndAbsentEqualsNull() throws {
        #expect(OwnedObjectApplier.holds(live: try parse(#"{"a":2.0}"#), intent: try parse(#"{"a":2}"#)))
        #expect(OwnedObjectApplier.holds(live: try parse(#"{"a":2}"#), intent: try parse(#"{"a":2.0}"#)))
        #expect(!OwnedObjectApplier.holds(live: try parse(#"{"a":2.5}"#), intent: try parse(#"{"a":2}"#)))
        #expect(OwnedObjectApplier.holds(live: try parse(#"{}"#), intent: try parse(#"{"a":null}"#)))
    }

    @Test func memoryKeysTellObjectsApart() {
        let keys = Set(["services", "configmaps"].flatMap { plural in
            ["a", "b"].flatMap { namespace in ["x", "x-y", "y"].map { OwnedObjectApplier.key(plural: plural, namespace: namespace, name: $0) } }
        })
        #expect(keys.count == 12)
        #expect(OwnedObjectApplier.key(plural: "services", namespace: "a", name: "x") == OwnedObjectApplier.key(plural: "services", namespace: "a", name: "x"))
    }

    @Test func everyDesiredObjectHoldsItselfOnceApplied() throws {
        for object in try Fixtures.objects() {
            var live = object.object
            live["metadata"]?["uid"] = "x"
            #expect(OwnedObjectApplier.holds(live: .object(live), intent: .object(OwnedObjectApplier.comparable(object.object))), "\(object.kind)/\(object.name)")
        }
    }
}

@Suite struct CachedProjectionTests {
    func deployment(replicas: Int, ready: Int, labels: [String: String] = ["a": "b"]) throws -> Deployment {
        var deployment = Deployment(object: try JSONParser.parse(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"n","uid":"u","generation":2,"creationTimestamp":"2026-01-01T00:00:00Z","managedFields":[{"manager":"x"}],"selfLink":"s"},"spec":{"template":{"spec":{"containers":[{"name":"c"}]}}},"status":{}}"#).objectValue ?? [:])
        deployment.metadata.labels = labels
        deployment.spec.replicas = replicas
        deployment.status.readyReplicas = ready
        return deployment
    }

    @Test func keepsMetadataAndStatusAndReplacesTheContentWithItsDigest() throws {
        let projected = CachedProjection.project(try deployment(replicas: 2, ready: 1), keepStatus: true)
        #expect(projected.object["spec"] == nil)
        #expect(projected.status.readyReplicas == 1)
        #expect(projected.metadata.labels == ["a": "b"])
        #expect(projected.metadata.generation == 2)
        #expect(projected.metadata.object["managedFields"] == nil && projected.metadata.object["selfLink"] == nil)
        #expect(CachedProjection.digest(of: projected.object) == CachedProjection.contentDigest(of: try deployment(replicas: 2, ready: 1).object))
        #expect(projected.metadata.object["creationTimestamp"] == nil && projected.metadata.uid == nil, "read for no projected kind")
        #expect(CachedProjection.project(try deployment(replicas: 2, ready: 1), keepStatus: false).metadata.generation == nil)
        #expect(projected.object.count == 3 && projected.kind == nil, "digest, metadata and status only")
        var withConditions = try deployment(replicas: 2, ready: 1)
        withConditions.status.object["conditions"] = .array([.object(["type": "Available"])])
        withConditions.status.object["availableReplicas"] = 1
        withConditions.status.object["updatedReplicas"] = 2
        #expect(CachedProjection.project(withConditions, keepStatus: true).status.object == ["readyReplicas": 1, "updatedReplicas": 2])
        #expect(CachedProjection.project(withConditions, keepStatus: false).object["status"] == nil)
    }

    @Test func theDigestFollowsTheContentOnly() throws {
        let digest = { (d: Deployment) in CachedProjection.digest(of: CachedProjection.project(d, keepStatus: false).object) }
        let base = try digest(deployment(replicas: 2, ready: 1))
        #expect(try digest(deployment(replicas: 2, ready: 2)) == base, "status is not content")
        #expect(try digest(deployment(replicas: 2, ready: 1, labels: ["other": "x"])) == base, "metadata is not content")
        #expect(try digest(deployment(replicas: 3, ready: 1)) != base)
        // The digest of a projection is the digest of the object it came from (what an apply answers).
        let full = try deployment(replicas: 2, ready: 1)
        #expect(CachedProjection.contentDigest(of: full.object) == base)
    }
}
