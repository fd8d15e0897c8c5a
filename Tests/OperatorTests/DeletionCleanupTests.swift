import KubeClient
import Testing
@testable import Operator

@Suite struct DeletionCleanupTests {
    @Test func deleteRemovesClaimsAndSecrets() {
        let targets = DeletionCleanup.targets(cluster: "files", policy: .delete)
        #expect(targets.map { "\($0.descriptor.kind)/\($0.name)" } == [
            "PersistentVolumeClaim/data-files-mariadb-0", "PersistentVolumeClaim/files-blobs",
            "Secret/files-database", "Secret/files-cache", "Secret/files-admin",
        ])
    }

    @Test func retainRemovesNothing() {
        #expect(DeletionCleanup.targets(cluster: "files", policy: .retain).isEmpty)
    }

    @Test func targetsMatchTheBuiltObjects() throws {
        let built = Set(try Fixtures.objects().map { "\($0.kind)/\($0.name)" })
        for target in DeletionCleanup.targets(cluster: "files", policy: .delete) where target.name != "data-files-mariadb-0" {
            #expect(built.contains("\(target.descriptor.kind)/\(target.name)"))
        }
        let statefulSet = StatefulSet(object: try Fixtures.find(try Fixtures.objects(), "StatefulSet", "files-mariadb").object)
        let template = try #require(statefulSet.spec.volumeClaimTemplates.first?.name)
        #expect("\(template)-\(statefulSet.name)-0" == ClusterNames(cluster: "files").mariadbDataClaim)
    }
}
