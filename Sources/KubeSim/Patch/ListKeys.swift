import Foundation

/// Which lists server-side apply merges item by item, and by which key fields: a custom resource's schema
/// (`x-kubernetes-list-type: map` + `x-kubernetes-list-map-keys`) or, for built-ins and schema-less
/// (preserve-unknown-fields) parts, the strategic-merge key table.
struct ListKeys: Sendable {
    /// The openAPIV3Schema consulted, nil for built-in kinds.
    let schema: JSONValue?

    /// Built-in kinds: the fixed merge-key table.
    static let builtin = ListKeys(schema: nil)

    init(schema: JSONValue?) {
        self.schema = schema
    }

    /// The keys for objects of `type`.
    init(type: ResourceType) {
        self.schema = type.isCustom ? type.schema : nil
    }

    /// The key fields of the list at `path` (field names and `k:` item elements); nil for an atomic list.
    func keys(at path: [String]) -> [String]? {
        if let schema, let node = Self.node(schema, path) {
            guard node["type"]?.stringValue == "array" || node["items"] != nil else { return nil }
            guard node["x-kubernetes-list-type"]?.stringValue == "map",
                let keys = node["x-kubernetes-list-map-keys"]?.arrayValue?.compactMap(\.stringValue), !keys.isEmpty
            else { return nil }
            return keys
        }
        guard let field = path.last else { return nil }
        let parent = path.count >= 2 ? path[path.count - 2] : nil
        return StrategicMergePatch.mergeKey(field: field, parent: parent).map { [$0] }
    }

    /// The schema node at `path`, nil where the schema does not describe it.
    private static func node(_ schema: JSONValue, _ path: [String]) -> JSONValue? {
        var current = schema
        for element in path {
            if element.hasPrefix("k:") {
                guard let items = current["items"] else { return nil }
                current = items
            } else if let p = current["properties"]?[element] {
                current = p
            } else if let additional = current["additionalProperties"], additional.objectValue != nil {
                current = additional
            } else {
                return nil
            }
        }
        return current
    }
}
