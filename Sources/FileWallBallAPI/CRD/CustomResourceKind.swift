/// A custom resource kind of FileWallBall: its names, schema and how kubectl shows it.
public protocol CustomResourceKind {
    /// The spec's Swift type.
    associatedtype Spec: SchemaDescribed & Codable & Sendable
    /// The status's Swift type.
    associatedtype Status: SchemaDescribed & Codable & Sendable
    /// Kind, plural, singular and short names.
    static var names: ResourceNames { get }
    /// What one object of this kind is, shown by `kubectl explain KIND`.
    static var summary: String { get }
    /// Columns of `kubectl get`.
    static var printerColumns: [PrinterColumn] { get }
    /// The scale subresource, if the kind has one.
    static var scale: ScaleSubresource? { get }
    /// Rules on the whole object (for example on `metadata.name`), which real API servers enforce.
    static var objectValidations: [ValidationRule] { get }
}

extension CustomResourceKind {
    /// No scale subresource.
    public static var scale: ScaleSubresource? { nil }
    /// No rules on the whole object.
    public static var objectValidations: [ValidationRule] { [] }
    /// `PLURAL.filewallball.io`: the CRD's name.
    public static var crdName: String { "\(names.plural).\(FileWallBallAPIGroup.group)" }
}

/// The names of a kind.
public struct ResourceNames: Sendable, Equatable {
    /// `FileWallBallCluster`.
    public var kind: String
    /// `filewallballclusters` (a stable contract).
    public var plural: String
    /// `filewallballcluster`.
    public var singular: String
    /// `fwb`.
    public var shortNames: [String]
}

/// An `additionalPrinterColumns` entry.
public struct PrinterColumn: Sendable, Equatable {
    /// Column header.
    public var name: String
    /// `string`, `integer`, `date`, ...
    public var type: String
    /// JSONPath into the object.
    public var jsonPath: String
    /// What the column shows.
    public var description: String
    /// 0 shows by default; 1 only with `-o wide`.
    public var priority: Int

    /// Creates a column.
    public init(_ name: String, type: String = "string", _ jsonPath: String, _ description: String, priority: Int = 0) {
        self.name = name
        self.type = type
        self.jsonPath = jsonPath
        self.description = description
        self.priority = priority
    }

    /// The `Age` column every kind ends with.
    public static let age = PrinterColumn("Age", type: "date", ".metadata.creationTimestamp", "Time since the object was created.")
}

/// A `scale` subresource.
public struct ScaleSubresource: Sendable, Equatable {
    /// Path of the desired replicas in the object.
    public var specReplicasPath: String
    /// Path of the observed replicas.
    public var statusReplicasPath: String
    /// Path of the pods' label selector.
    public var labelSelectorPath: String
}
