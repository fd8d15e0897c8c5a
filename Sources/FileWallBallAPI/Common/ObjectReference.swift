/// A reference to another object in the same namespace, by name.
public struct LocalObjectReference: Codable, Sendable, Equatable {
    /// The referenced object's name.
    public var name: String

    /// Creates a reference.
    public init(name: String) { self.name = name }

    /// The schema of a reference to a FileWallBallCluster.
    public static let clusterSchema = Schema.object(
        "The FileWallBallCluster in this namespace that this object applies to.", required: ["name"], [
            "name": .string("Name of the FileWallBallCluster.", pattern: SchemaPatterns.dnsLabel, minLength: 1, maxLength: 63),
        ])
}
