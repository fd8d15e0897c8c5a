import KubeClient
import Testing
@testable import Operator

@Suite struct CachedObjectCompactorTests {
    static let text = #"""
    {"apiVersion":"filewallball.io/v1alpha1","kind":"FileWallBallCluster",
     "metadata":{"name":"c1","namespace":"team","uid":"0f7c3e9a-1111-4222-8333-944445555666","resourceVersion":"12",
       "creationTimestamp":"2026-01-01T00:00:00Z","managedFields":[{"manager":"kubectl"}],
       "labels":{"app.kubernetes.io/managed-by":"filewallball-controller","app.kubernetes.io/instance":"a-rather-long-instance"},
       "annotations":{"note":"a value that is longer than sixty-four bytes and therefore never shared at all, ok"},
       "ownerReferences":[{"apiVersion":"filewallball.io/v1alpha1","kind":"FileWallBallCluster","name":"c1",
                           "uid":"0f7c3e9a-1111-4222-8333-944445555666","controller":true,"blockOwnerDeletion":true}]},
     "spec":{"app":{"replicas":2,"maxUploadSize":"100Mi"}},
     "status":{"observedGeneration":3,"conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-01-01T00:00:01Z"}]}}
    """#

    func cluster() throws -> GenericResource { GenericResource(object: try JSONParser.parse(Self.text).objectValue ?? [:]) }

    @Test func keepsEveryMemberButManagedFields() throws {
        let original = try cluster()
        let compacted = CachedObjectCompactor().compact(original)
        var expected = original
        expected.metadata.object["managedFields"] = nil
        #expect(compacted == expected)
        #expect(compacted.object != original.object)
    }

    @Test func sharesNamesAndLabelValuesUpToTheBound() throws {
        let compactor = CachedObjectCompactor()
        _ = compactor.compact(try cluster())
        // Six member names over 15 bytes, two label values, apiVersion and kind; not the uid, the timestamps,
        // the annotation over 64 bytes or anything of 15 bytes or less. Labels, annotations, owner references.
        #expect(compactor.sharedCounts == (10, 3))
        _ = compactor.compact(try cluster())
        #expect(compactor.sharedCounts == (10, 3), "the same vocabulary adds nothing")
        var other = try cluster()
        other.metadata.labels?["app.kubernetes.io/instance"] = "another-long-instance"
        _ = compactor.compact(other)
        #expect(compactor.sharedCounts == (11, 4))
        // A full table starts over; the objects are the same either way.
        let small = CachedObjectCompactor(capacity: 3)
        _ = small.compact(try cluster())
        #expect(small.sharedCounts.strings <= 3 && small.sharedCounts.trees <= 3)
        #expect(small.compact(try cluster()).object == CachedObjectCompactor().compact(try cluster()).object)
        #expect(CachedObjectCompactor(capacity: 0).compact(try cluster()).object == CachedObjectCompactor().compact(try cluster()).object)
    }

    @Test func projectionsAreCompactedToo() throws {
        let compactor = CachedObjectCompactor()
        var deployment = Deployment(object: try cluster().object)
        deployment.status.readyReplicas = 1
        let projected = CachedProjection.project(deployment, keepStatus: true, compactor: compactor)
        #expect(projected == CachedProjection.project(deployment, keepStatus: true))
        #expect(projected.metadata.labels?["app.kubernetes.io/managed-by"] == "filewallball-controller")
        #expect(projected.metadata.ownerReferences.first?.uid == "0f7c3e9a-1111-4222-8333-944445555666")
        #expect(compactor.sharedCounts.trees == 3)
    }
}
