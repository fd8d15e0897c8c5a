import Foundation

/// A set of leaf field paths, the unit of ownership in server-side apply (FieldsV1).
struct FieldSet: Sendable, Equatable {
    var paths: Set<[String]> = []

    /// Paths that are never owned (identity and server-managed metadata).
    private static let ignoredMetadata: Set<String> = [
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
        "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "generateName",
    ]

    /// The leaf paths of an object (lists and scalars are atomic leaves).
    static func of(_ object: JSONValue) -> FieldSet {
        var set = FieldSet()
        guard let root = object.objectValue else { return set }
        for (key, value) in root where key != "apiVersion" && key != "kind" {
            if key == "metadata" {
                for (mk, mv) in value.objectValue ?? [:] where !ignoredMetadata.contains(mk) {
                    collect(mv, path: ["metadata", mk], into: &set.paths)
                }
            } else {
                collect(value, path: [key], into: &set.paths)
            }
        }
        return set
    }

    private static func collect(_ value: JSONValue, path: [String], into paths: inout Set<[String]>) {
        if case .object(let o) = value, !o.isEmpty {
            for (k, v) in o { collect(v, path: path + [k], into: &paths) }
        } else if case .array(let items) = value, !items.isEmpty, let key = listKey(path),
            items.allSatisfy({ $0[key] != nil })
        {
            for item in items { collect(item, path: path + [itemElement(key, item)], into: &paths) }
        } else {
            paths.insert(path)
        }
    }

    /// The merge key of a list at `path` (lists of maps keyed like strategic merge patch), nil for atomic lists.
    static func listKey(_ path: [String]) -> String? {
        guard let field = path.last else { return nil }
        let parent = path.count >= 2 ? path[path.count - 2] : nil
        return StrategicMergePatch.mergeKey(field: field, parent: parent)
    }

    /// The `k:{"name":"x"}` path element of a keyed list item.
    static func itemElement(_ key: String, _ item: JSONValue) -> String {
        "k:" + JSONWriter.string([key: item[key] ?? .null])
    }

    /// The key name and value encoded in a `k:` element.
    static func itemKey(_ element: String) -> (String, JSONValue)? {
        guard element.hasPrefix("k:"), let o = (try? JSONParser.parse(String(element.dropFirst(2))))?.objectValue,
            o.count == 1, let (k, v) = o.first
        else { return nil }
        return (k, v)
    }

    /// The value at a path, resolving `k:` elements in keyed lists.
    static func value(at path: [String], in doc: JSONValue) -> JSONValue? {
        var current: JSONValue? = doc
        for element in path {
            guard let c = current else { return nil }
            if let (key, keyValue) = itemKey(element), case .array(let items) = c {
                current = items.first { $0[key] == keyValue }
            } else {
                current = c[element]
            }
        }
        return current
    }

    /// Paths whose values differ between two objects (added, changed or removed).
    static func changed(from old: JSONValue, to new: JSONValue) -> (changed: FieldSet, removed: FieldSet) {
        let oldSet = of(old), newSet = of(new)
        var changed = FieldSet()
        for p in newSet.paths where value(at: p, in: old) != value(at: p, in: new) { changed.paths.insert(p) }
        var removed = FieldSet()
        for p in oldSet.paths where value(at: p, in: new) == nil { removed.paths.insert(p) }
        return (changed, removed)
    }

    /// True when `a` is `b` or one is a prefix of the other.
    static func overlaps(_ a: [String], _ b: [String]) -> Bool {
        let n = min(a.count, b.count)
        return Array(a.prefix(n)) == Array(b.prefix(n))
    }

    /// Removes every path overlapping any of `other`'s paths.
    mutating func subtract(overlapping other: FieldSet) {
        paths = paths.filter { p in !other.paths.contains { FieldSet.overlaps(p, $0) } }
    }

    /// The FieldsV1 JSON form.
    var fieldsV1: JSONValue {
        var root: JSONValue = [:]
        for p in paths {
            root[path: p.map { $0.hasPrefix("k:") ? $0 : "f:" + $0 }] = [:]
        }
        return root
    }

    /// Parses a FieldsV1 JSON tree.
    static func parse(_ fieldsV1: JSONValue?) -> FieldSet {
        var set = FieldSet()
        func walk(_ v: JSONValue, _ path: [String]) {
            let members = (v.objectValue ?? [:]).filter { $0.key.hasPrefix("f:") || $0.key.hasPrefix("k:") }
            if members.isEmpty {
                if !path.isEmpty { set.paths.insert(path) }
                return
            }
            for (k, child) in members { walk(child, path + [k.hasPrefix("k:") ? k : String(k.dropFirst(2))]) }
        }
        if let fieldsV1 { walk(fieldsV1, []) }
        return set
    }

    /// `.spec.color` style rendering for conflict messages.
    static func render(_ path: [String]) -> String {
        path.reduce("") { out, element in
            guard let (key, value) = itemKey(element) else { return out + "." + element }
            return out + "[\(key)=\(JSONWriter.string(value))]"
        }
    }
}
