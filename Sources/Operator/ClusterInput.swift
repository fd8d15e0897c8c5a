import FileWallBallAPI
import Foundation
import KubeClient

/// What the object builders read of a FileWallBallCluster: identity, generation and the decoded spec.
public struct ClusterInput: Sendable, Equatable {
    /// `metadata.name`.
    public var name: String
    /// `metadata.namespace`.
    public var namespace: String
    /// `metadata.uid` (the owner reference's target).
    public var uid: String
    /// `metadata.generation`.
    public var generation: Int
    /// The spec as stored (defaults not yet resolved).
    public var spec: FileWallBallClusterSpec
    /// `metadata.labels` of the cluster (not copied to children; kept for the reconciler).
    public var labels: [String: String]

    /// Creates an input.
    public init(name: String, namespace: String, uid: String, generation: Int = 1,
                spec: FileWallBallClusterSpec = FileWallBallClusterSpec(), labels: [String: String] = [:]) {
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.generation = generation
        self.spec = spec
        self.labels = labels
    }

    /// Reads a cluster object as served by the API server; throws when the name, namespace or uid is
    /// missing, the name is too long, or the spec does not decode.
    public init<O: KubeObject>(object: O) throws(ClusterInputError) {
        let meta = object.metadata
        let identity: ObjectIdentity
        do {
            identity = try ObjectIdentity(object, noun: "the cluster", maxNameLength: ClusterDefaults.maxNameLength)
        } catch {
            throw ClusterInputError(code: error.code, detail: error.detail)
        }
        let (name, namespace, uid) = (identity.name, identity.namespace, identity.uid)
        let specJSON = object.object["spec"] ?? .object([:])
        let spec: FileWallBallClusterSpec
        do {
            spec = try JSONDecoder().decode(FileWallBallClusterSpec.self, from: Data(JSONWriter.encode(specJSON)))
        } catch {
            throw ClusterInputError(code: "invalid_spec", detail: "spec of \(name) does not decode: \(error)")
        }
        self.init(name: name, namespace: namespace, uid: uid, generation: meta.generation ?? 0, spec: spec, labels: meta.labels ?? [:])
    }

    /// The controller owner reference every child carries.
    public var ownerReference: OwnerReference {
        OwnerReference(apiVersion: FileWallBallAPIGroup.apiVersion, kind: FileWallBallClusterKind.names.kind,
                       name: name, uid: uid, controller: true, blockOwnerDeletion: true)
    }
}

/// Why a cluster object cannot be turned into a `ClusterInput`.
public struct ClusterInputError: Error, Sendable, Equatable {
    /// Stable code: `missing_name`, `name_too_long`, `missing_namespace`, `missing_uid` or `invalid_spec`.
    public var code: String
    /// Explanation.
    public var detail: String

    /// Creates an error.
    public init(code: String, detail: String) {
        self.code = code
        self.detail = detail
    }
}
