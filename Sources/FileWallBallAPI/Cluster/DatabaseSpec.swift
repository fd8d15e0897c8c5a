/// The MariaDB part of a cluster: a StatefulSet of one with a data volume.
public struct DatabaseSpec: Codable, Sendable, Equatable, SchemaDescribed {
    /// MariaDB image.
    public var image: String?
    /// The data volume.
    public var storage: StorageSpec?
    /// Container resources.
    public var resources: ResourceRequirements?
    /// Name of the file service's database.
    public var databaseName: String?

    /// Creates a database spec.
    public init(image: String? = nil, storage: StorageSpec? = nil, resources: ResourceRequirements? = nil, databaseName: String? = nil) {
        self.image = image
        self.storage = storage
        self.resources = resources
        self.databaseName = databaseName
    }

    /// The schema of `spec.database`.
    public static let schema = Schema.object(
        "The MariaDB database holding file metadata, users and sessions: a StatefulSet of one pod with a data volume.", [
            "image": .string("MariaDB container image (10.11 or newer).", default: ClusterDefaults.databaseImage,
                             pattern: SchemaPatterns.image, maxLength: 512),
            "storage": StorageSpec.schema("The MariaDB data volume.", defaultSize: ClusterDefaults.databaseStorageSize),
            "resources": ResourceRequirements.schema,
            "databaseName": .string("Name of the database the file service uses (letters, digits and underscore).",
                                    default: ClusterDefaults.databaseName, pattern: SchemaPatterns.databaseName),
        ]).defaulting(to: .emptyObject)
}
