import FileWallBallAPI
import KubeClient

/// What the `Delete` deletion policy removes when a cluster is deleted (its finalizer's work).
public enum DeletionCleanup {
    /// One object to delete, by resource and name.
    public struct Target: Sendable, Equatable {
        /// The REST resource.
        public var descriptor: ResourceDescriptor
        /// The object's name.
        public var name: String

        /// Creates a target.
        public init(descriptor: ResourceDescriptor, name: String) {
            self.descriptor = descriptor
            self.name = name
        }
    }

    /// Under `Delete`: the MariaDB data claim (`data-N-mariadb-0`, which the StatefulSet never deletes),
    /// the blob claim and the three Secrets; under `Retain`: nothing. Everything else goes with the
    /// cluster through its owner reference.
    public static func targets(cluster: String, policy: DeletionPolicy) -> [Target] {
        guard policy == .delete else { return [] }
        let names = ClusterNames(cluster: cluster)
        return [
            Target(descriptor: PersistentVolumeClaim.descriptor, name: names.mariadbDataClaim),
            Target(descriptor: PersistentVolumeClaim.descriptor, name: names.blobClaim),
            Target(descriptor: Secret.descriptor, name: names.databaseSecret),
            Target(descriptor: Secret.descriptor, name: names.cacheSecret),
            Target(descriptor: Secret.descriptor, name: names.adminSecret),
        ]
    }
}
