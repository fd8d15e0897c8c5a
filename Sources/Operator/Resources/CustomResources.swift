import FileWallBallAPI
import KubeClient

/// A FileWallBallCluster as served by the API server (its spec and status decode with `SpecCoding`).
public struct ClusterResource: KubeResource {
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }
    /// `filewallball.io/v1alpha1` `filewallballclusters`.
    public static let descriptor = CustomResourceDescriptors.descriptor(FileWallBallClusterKind.names)
}

/// A BackupPolicy as served by the API server.
public struct BackupPolicyResource: KubeResource {
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }
    /// `filewallball.io/v1alpha1` `backuppolicies`.
    public static let descriptor = CustomResourceDescriptors.descriptor(BackupPolicyKind.names)
}

/// A RestoreRequest as served by the API server.
public struct RestoreRequestResource: KubeResource {
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }
    /// `filewallball.io/v1alpha1` `restorerequests`.
    public static let descriptor = CustomResourceDescriptors.descriptor(RestoreRequestKind.names)
}

/// REST descriptors of the three custom resources.
public enum CustomResourceDescriptors {
    /// The namespaced descriptor of a kind of `filewallball.io/v1alpha1`.
    public static func descriptor(_ names: ResourceNames) -> ResourceDescriptor {
        ResourceDescriptor(group: FileWallBallAPIGroup.group, version: FileWallBallAPIGroup.version,
                           plural: names.plural, kind: names.kind, namespaced: true)
    }
}
