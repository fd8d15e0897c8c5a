import FileWallBallAPI
import Foundation
import KubeClient
import Testing
import Yams
@testable import Operator

@Suite struct ClusterInputTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("k8s/samples/cluster.yaml")

    /// The sample as the API server would serve it (namespace and uid added).
    static func sampleObject() throws -> GenericResource {
        let yaml = try String(contentsOf: sample, encoding: .utf8)
        let loaded = try #require(try Yams.load(yaml: yaml))
        let bytes = try JSONSerialization.data(withJSONObject: loaded)
        var object = GenericResource(object: try #require(try JSONParser.parse(Array(bytes)).objectValue))
        object.metadata.namespace = "team-a"
        object.metadata.uid = "11111111-2222-4333-8444-555555555555"
        object.metadata.generation = 4
        return object
    }

    @Test func readsTheSampleCluster() throws {
        let input = try ClusterInput(object: try Self.sampleObject())
        #expect(input.name == "files")
        #expect(input.namespace == "team-a")
        #expect(input.generation == 4)
        #expect(input.spec.app?.replicas == 2)
        #expect(input.spec.cache?.maxMemory == "256mb")
        #expect(input.spec.deletionPolicy == .retain)
        let resolved = try ResolvedClusterSpec(input.spec)
        #expect(resolved.maxUploadBytes == 10 * 1_073_741_824)
        #expect(resolved.databaseStorageSize == "10Gi")
        #expect(resolved.blobStorageSize == "20Gi")
        #expect(resolved.databaseImage == ClusterDefaults.databaseImage)
        let objects = try DesiredObjects.all(for: input, credentials: Fixtures.credentials)
        #expect(objects.count == 17)
        #expect(objects.allSatisfy { $0.object["metadata"]?["namespace"]?.stringValue == "team-a" })
    }

    @Test func refusesObjectsWithoutIdentity() throws {
        var object = try Self.sampleObject()
        object.metadata.uid = nil
        #expect(throws: ClusterInputError.self) { try ClusterInput(object: object) }
        object = try Self.sampleObject()
        object.metadata.namespace = nil
        #expect { try ClusterInput(object: object) } throws: { ($0 as? ClusterInputError)?.code == "missing_namespace" }
        object = try Self.sampleObject()
        object.metadata.name = String(repeating: "x", count: ClusterDefaults.maxNameLength + 1)
        #expect { try ClusterInput(object: object) } throws: { ($0 as? ClusterInputError)?.code == "name_too_long" }
    }

    @Test func refusesASpecThatDoesNotDecode() throws {
        var object = try Self.sampleObject()
        object.spec = ["app": .object(["replicas": .string("two")])]
        #expect { try ClusterInput(object: object) } throws: { ($0 as? ClusterInputError)?.code == "invalid_spec" }
    }

    @Test func missingSpecMeansAllDefaults() throws {
        var object = try Self.sampleObject()
        object.spec = nil
        let input = try ClusterInput(object: object)
        #expect(input.spec == FileWallBallClusterSpec())
    }
}
