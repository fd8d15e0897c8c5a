/// A volume the controller claims for a component (a PersistentVolumeClaim).
public struct StorageSpec: Codable, Sendable, Equatable {
    /// Requested capacity (`10Gi`).
    public var size: String?
    /// StorageClass to claim from; the cluster's default class when absent.
    public var storageClassName: String?
    /// Access mode of the claim (the blob volume only).
    public var accessMode: VolumeAccessMode?

    /// Creates a storage spec.
    public init(size: String? = nil, storageClassName: String? = nil, accessMode: VolumeAccessMode? = nil) {
        self.size = size
        self.storageClassName = storageClassName
        self.accessMode = accessMode
    }

    /// The schema of a storage block, with the component's default size; `accessMode` is offered only
    /// where the component can use a choice of modes.
    public static func schema(_ description: String, defaultSize: String, accessMode: Schema? = nil) -> Schema {
        var properties: [SchemaProperty] = [
            SchemaProperty(name: "size", schema: .string(
                "Requested capacity of the PersistentVolumeClaim, as a quantity (for example 10Gi).",
                default: defaultSize, pattern: SchemaPatterns.quantity)),
            SchemaProperty(name: "storageClassName", schema: .string(
                "StorageClass to claim the volume from; the cluster's default StorageClass when omitted.",
                pattern: SchemaPatterns.dnsSubdomain, maxLength: 253)),
        ]
        if let accessMode { properties.append(SchemaProperty(name: "accessMode", schema: accessMode)) }
        var schema = Schema.object(description, [:])
        schema.properties = properties
        return schema.defaulting(to: .emptyObject)
    }
}

/// How a volume may be mounted.
public enum VolumeAccessMode: String, Codable, Sendable, Equatable, CaseIterable {
    /// Read-write by the pods of one node.
    case readWriteOnce = "ReadWriteOnce"
    /// Read-write by pods on many nodes.
    case readWriteMany = "ReadWriteMany"
    /// Read-write by a single pod.
    case readWriteOncePod = "ReadWriteOncePod"
}
