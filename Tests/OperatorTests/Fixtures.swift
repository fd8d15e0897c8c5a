import FileWallBallAPI
import KubeClient
@testable import Operator

/// Shared inputs and JSON helpers of the operator tests.
enum Fixtures {
    static let credentials = GeneratedCredentials(
        databaseRootPassword: "RootPw-0123456789abcdefghijklmnopq", databasePassword: "AppPw-0123456789abcdefghijklmnopqr",
        cachePassword: "CachePw-0123456789abcdefghijklmnop", adminPassword: "AdminPw-0123456789abcdefghijklmnop")

    static var secretValues: [String] {
        [credentials.databaseRootPassword, credentials.databasePassword, credentials.cachePassword, credentials.adminPassword]
    }

    static func input(name: String = "files", replicas: Int? = nil, deletionPolicy: DeletionPolicy? = nil,
                      app: AppSpec? = nil) -> ClusterInput {
        var appSpec = app ?? AppSpec()
        if let replicas { appSpec.replicas = replicas }
        return ClusterInput(name: name, namespace: "team-a", uid: "6f1c2d3e-0000-4000-8000-000000000001", generation: 3,
                            spec: FileWallBallClusterSpec(app: appSpec, deletionPolicy: deletionPolicy))
    }

    static func objects(_ input: ClusterInput = input()) throws -> [DesiredObject] {
        try DesiredObjects.all(for: input, credentials: credentials)
    }

    static func json(_ object: DesiredObject) -> String { JSONWriter.string(.object(object.object)) }

    /// The pod spec of a Deployment or StatefulSet.
    static func podSpec(_ object: DesiredObject) -> PodSpec? {
        guard object.kind == "Deployment" || object.kind == "StatefulSet" else { return nil }
        return PodSpec(object: object.object["spec"]?["template"]?["spec"]?.objectValue ?? [:])
    }

    static func find(_ objects: [DesiredObject], _ kind: String, _ name: String) throws -> DesiredObject {
        guard let object = objects.first(where: { $0.kind == kind && $0.name == name }) else {
            throw FixtureError(detail: "no \(kind) \(name)")
        }
        return object
    }

    /// Every string in a JSON tree.
    static func strings(in value: JSONValue) -> [String] {
        switch value {
        case .string(let text): return [text]
        case .array(let items): return items.flatMap(strings(in:))
        case .object(let members): return members.keys.map { $0 } + members.values.flatMap(strings(in:))
        default: return []
        }
    }
}

struct FixtureError: Error { var detail: String }
