import Foundation

/// One `metadata.managedFields` entry.
struct ManagedFieldsEntry: Sendable, Equatable {
    var manager: String
    var operation: String
    var apiVersion: String
    var time: String
    var subresource: String?
    var fields: FieldSet

    var json: JSONValue {
        var e: JSONValue = [
            "manager": .string(manager), "operation": .string(operation), "apiVersion": .string(apiVersion),
            "time": .string(time), "fieldsType": "FieldsV1", "fieldsV1": fields.fieldsV1,
        ]
        if let subresource { e["subresource"] = .string(subresource) }
        return e
    }

    static func parseAll(_ object: JSONValue) -> [ManagedFieldsEntry] {
        (object[path: ["metadata", "managedFields"]]?.arrayValue ?? []).map { e in
            ManagedFieldsEntry(manager: e["manager"]?.stringValue ?? "", operation: e["operation"]?.stringValue ?? "Update",
                apiVersion: e["apiVersion"]?.stringValue ?? "", time: e["time"]?.stringValue ?? "",
                subresource: e["subresource"]?.stringValue, fields: FieldSet.parse(e["fieldsV1"]))
        }
    }

    static func store(_ entries: [ManagedFieldsEntry], into object: inout JSONValue) {
        let kept = entries.filter { !$0.fields.paths.isEmpty }
        object[path: ["metadata", "managedFields"]] = kept.isEmpty ? nil : .array(kept.map(\.json))
    }
}

/// Field ownership bookkeeping for non-apply writes.
enum ManagedFields {
    /// Records that `manager` changed fields between `old` and `new` (operation Update).
    static func recordUpdate(old: JSONValue?, new: inout JSONValue, manager: String?, apiVersion: String,
        subresource: String?, now: Date, keys: ListKeys = .builtin)
    {
        var entries = old.map(ManagedFieldsEntry.parseAll) ?? []
        let manager = manager ?? "unknown"
        let diff: (changed: FieldSet, removed: FieldSet)
        if let old { diff = FieldSet.changed(from: old, to: new, keys: keys) } else { diff = (FieldSet.of(new, keys: keys), FieldSet()) }
        if diff.changed.paths.isEmpty && diff.removed.paths.isEmpty {
            ManagedFieldsEntry.store(entries, into: &new)
            return
        }
        for i in entries.indices {
            entries[i].fields.subtract(overlapping: diff.removed)
            if !(entries[i].manager == manager && entries[i].operation == "Update") {
                entries[i].fields.paths.subtract(diff.changed.paths)
            }
        }
        let time = ObjectMeta.timestamp(now)
        if let i = entries.firstIndex(where: { $0.manager == manager && $0.operation == "Update" && $0.subresource == subresource }) {
            entries[i].fields.paths.formUnion(diff.changed.paths)
            entries[i].time = time
        } else {
            entries.append(ManagedFieldsEntry(manager: manager, operation: "Update", apiVersion: apiVersion, time: time,
                subresource: subresource, fields: diff.changed))
        }
        ManagedFieldsEntry.store(entries, into: &new)
    }
}
