import Foundation

/// One additional printer column of a CRD (or a built-in kind).
public struct ServedPrinterColumn: Sendable, Equatable {
    /// Column header.
    public var name: String
    /// OpenAPI type: string, integer, number, boolean, date.
    public var type: String
    /// Optional format.
    public var format: String
    /// Description.
    public var description: String
    /// Priority; >0 only shown with -o wide.
    public var priority: Int
    /// JSONPath relative to the object, e.g. `.spec.color`.
    public var jsonPath: String
}

/// Where the `/scale` subresource reads and writes replicas (JSON paths like `.spec.replicas`).
public struct ServedScaleSubresource: Sendable, Equatable {
    /// Path of the desired replicas.
    public var specReplicasPath: String
    /// Path of the observed replicas.
    public var statusReplicasPath: String
    /// Path of the label selector string, if any.
    public var labelSelectorPath: String?
}

/// A servable resource: a built-in kind or a custom resource from an established CRD.
public struct ResourceType: Sendable, Equatable {
    /// API group ("" for core).
    public var group: String
    /// API version.
    public var version: String
    /// Kind.
    public var kind: String
    /// Plural resource name.
    public var plural: String
    /// Singular resource name.
    public var singular: String
    /// Whether objects live in namespaces.
    public var namespaced: Bool
    /// Short names for discovery.
    public var shortNames: [String] = []
    /// Categories for discovery.
    public var categories: [String] = []
    /// Whether the status subresource is enabled.
    public var hasStatus: Bool = false
    /// Printer columns (besides Name).
    public var printerColumns: [ServedPrinterColumn] = []
    /// openAPIV3Schema for custom resources.
    public var schema: JSONValue? = nil
    /// True for custom resources.
    public var isCustom: Bool = false
    /// Allows PUT without resourceVersion (built-ins).
    public var allowsUnconditionalUpdate: Bool = true
    /// The scale subresource, when served.
    public var scale: ServedScaleSubresource? = nil

    /// `group/version` or `version` for core.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    /// Storage key independent of version.
    public var storageKey: String { group.isEmpty ? plural : "\(plural).\(group)" }
    /// `plural.group` as used in error messages.
    public var qualifiedPlural: String { storageKey }
    /// `Kind.group` as used in Invalid messages.
    public var qualifiedKind: String { group.isEmpty ? kind : "\(kind).\(group)" }
    /// The `<Kind>List` kind.
    public var listKind: String { kind + "List" }

    /// Base URL path for this resource, optionally in a namespace.
    public func basePath(namespace: String?) -> String {
        let root = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if let namespace, namespaced { return "\(root)/namespaces/\(namespace)/\(plural)" }
        return "\(root)/\(plural)"
    }
}
