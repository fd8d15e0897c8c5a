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
    static func of(_ object: JSONValue, keys: ListKeys = .builtin) -> FieldSet {
        var set = FieldSet()
        guard let root = object.objectValue else { return set }
        for (key, value) in root where key != "apiVersion" && key != "kind" {
            if key == "metadata" {
                for (mk, mv) in value.objectValue ?? [:] where !ignoredMetadata.contains(mk) {
                    collect(mv, path: ["metadata", mk], keys: keys, into: &set.paths)
                }
            } else {
                collect(value, path: [key], keys: keys, into: &set.paths)
            }
        }
        return set
    }

    private static func collect(_ value: JSONValue, path: [String], keys: ListKeys, into paths: inout Set<[String]>) {
        if case .object(let o) = value, !o.isEmpty {
            for (k, v) in o { collect(v, path: path + [k], keys: keys, into: &paths) }
        } else if case .array(let items) = value, !items.isEmpty, let listKeys = keys.keys(at: path),
            items.allSatisfy({ hasKeys($0, listKeys) })
        {
            for item in items { collect(item, path: path + [itemElement(listKeys, item)], keys: keys, into: &paths) }
        } else {
            paths.insert(path)
        }
    }

    /// True when `item` is an object carrying every key field.
    static func hasKeys(_ item: JSONValue, _ keys: [String]) -> Bool {
        item.objectValue != nil && keys.allSatisfy { item[$0] != nil }
    }

    /// The `k:{"name":"x"}` path element of a keyed list item (every key field of a map list).
    static func itemElement(_ keys: [String], _ item: JSONValue) -> String {
        var o: JSONObject = [:]
        for k in keys { o[k] = item[k] ?? .null }
        return "k:" + JSONWriter.string(.object(o))
    }

    /// The key fields and values encoded in a `k:` element.
    static func itemKey(_ element: String) -> JSONObject? {
        guard element.hasPrefix("k:"), let o = (try? JSONParser.parse(String(element.dropFirst(2))))?.objectValue, !o.isEmpty
        else { return nil }
        return o
    }

    /// True when `item` has the key values of a `k:` element.
    static func matches(_ item: JSONValue, _ key: JSONObject) -> Bool {
        key.allSatisfy { item[$0.key] == $0.value }
    }

    /// The value at a path, resolving `k:` elements in keyed lists.
    static func value(at path: [String], in doc: JSONValue) -> JSONValue? {
        var current: JSONValue? = doc
        for element in path {
            guard let c = current else { return nil }
            if let key = itemKey(element), case .array(let items) = c {
                current = items.first { matches($0, key) }
            } else {
                current = c[element]
            }
        }
        return current
    }

    /// Paths whose values differ between two objects (added, changed or removed).
    static func changed(from old: JSONValue, to new: JSONValue, keys: ListKeys = .builtin) -> (changed: FieldSet, removed: FieldSet) {
        let oldSet = of(old, keys: keys), newSet = of(new, keys: keys)
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
            guard let key = itemKey(element) else { return out + "." + element }
            return out + "[" + key.keys.sorted().map { "\($0)=\(JSONWriter.string(key[$0] ?? .null))" }.joined(separator: ",") + "]"
        }
    }
}
