/// The file service part of a cluster: `filewallball serve` replicas behind a Service.
public struct AppSpec: Codable, Sendable, Equatable, SchemaDescribed {
    /// FileWallBall image.
    public var image: String?
    /// Number of serving replicas.
    public var replicas: Int?
    /// Container resources.
    public var resources: ResourceRequirements?
    /// Largest accepted upload, as a quantity.
    public var maxUploadSize: String?
    /// Pool-size preset.
    public var environment: EnvironmentName?
    /// The blob volume.
    public var blobStorage: StorageSpec?

    /// Creates an app spec.
    public init(image: String? = nil, replicas: Int? = nil, resources: ResourceRequirements? = nil,
                maxUploadSize: String? = nil, environment: EnvironmentName? = nil, blobStorage: StorageSpec? = nil) {
        self.image = image
        self.replicas = replicas
        self.resources = resources
        self.maxUploadSize = maxUploadSize
        self.environment = environment
        self.blobStorage = blobStorage
    }

    /// The schema of `spec.app`.
    public static let schema = Schema.object(
        "The file service: stateless filewallball serve replicas behind a Service, sharing sessions through Redis and file contents through the blob volume.", [
            "image": .string("FileWallBall container image.", default: FileWallBallAPIGroup.defaultImage,
                             pattern: SchemaPatterns.image, maxLength: 512),
            "replicas": .integer("Number of serving replicas (also set by kubectl scale).",
                                 default: ClusterDefaults.appReplicas, minimum: 0, maximum: 100, format: "int32"),
            "resources": ResourceRequirements.schema,
            "maxUploadSize": .string("Largest accepted upload, as a quantity (for example 10Gi); larger uploads get 413.",
                                     default: ClusterDefaults.maxUploadSize, pattern: SchemaPatterns.quantity),
            "environment": .string("Connection-pool preset of the file service: development (10 Redis connections), kubernetes (30) or production (50).",
                                   default: ClusterDefaults.environment.rawValue, oneOf: EnvironmentName.allCases.map(\.rawValue)),
            "blobStorage": StorageSpec.schema(
                "The volume holding file contents, shared by every replica. Clusters with more than one node need a ReadWriteMany StorageClass.",
                defaultSize: ClusterDefaults.blobStorageSize,
                accessMode: .string("Access mode of the blob volume claim.", default: ClusterDefaults.blobAccessMode.rawValue,
                                    oneOf: VolumeAccessMode.allCases.map(\.rawValue))),
        ]).defaulting(to: .emptyObject)
}

/// The file service's pool-size presets (`FWB_ENVIRONMENT`).
public enum EnvironmentName: String, Codable, Sendable, Equatable, CaseIterable {
    /// Small pools, for a laptop.
    case development
    /// The default in a cluster.
    case kubernetes
    /// Larger pools.
    case production
}
