import Foundation

/// Server-side apply: field ownership per manager, conflicts, and removal of fields a manager stopped applying.
enum ServerSideApply {
    /// Merges an applied configuration into the live object; returns the proposed object with managedFields set.
    static func apply(live: JSONValue, config: JSONValue, manager: String, force: Bool, type: ResourceType,
        subresource: String?, now: Date) throws(StatusError) -> JSONValue
    {
        var applied = config
        if subresource == "status" {
            applied = ["status": config["status"] ?? [:]]
        }
        let keys = ListKeys(type: type)
        var appliedSet = FieldSet.of(applied, keys: keys)
        appliedSet.paths = appliedSet.paths.filter { !($0.first == "status" && type.hasStatus && subresource != "status") }
        if type.hasStatus, subresource != "status" { applied["status"] = nil }
        var entries = ManagedFieldsEntry.parseAll(live)
        // Conflicts: another manager owns a field we set to a different value.
        var conflicts: [(manager: String, path: [String])] = []
        for entry in entries where !(entry.manager == manager && entry.operation == "Apply") {
            for p in appliedSet.paths {
                // An applied empty object (`status: {}`) does not claim the fields others own inside it.
                let emptyObject = FieldSet.value(at: p, in: applied) == [:]
                for owned in entry.fields.paths where FieldSet.overlaps(owned, p) && !(emptyObject && owned.count > p.count) {
                    if FieldSet.value(at: owned, in: live) != FieldSet.value(at: owned, in: applied)
                        || FieldSet.value(at: p, in: live) != FieldSet.value(at: p, in: applied)
                    {
                        conflicts.append((entry.manager, p))
                    }
                }
            }
        }
        if !conflicts.isEmpty && !force {
            let name = live[path: ["metadata", "name"]]?.stringValue ?? ""
            let unique = Dictionary(grouping: conflicts, by: { $0.manager })
            let count = Set(conflicts.map { "\($0.manager)|\($0.path)" }).count
            var message = "Apply failed with \(count) conflict\(count == 1 ? "" : "s"): "
            if count == 1, let c = conflicts.first {
                message += "conflict with \"\(c.manager)\" using \(type.apiVersion): \(FieldSet.render(c.path))"
            } else {
                message += unique.keys.sorted().map { m in
                    "conflicts with \"\(m)\" using \(type.apiVersion):\n" + Set((unique[m] ?? []).map { "- " + FieldSet.render($0.path) }).sorted().joined(separator: "\n")
                }.joined(separator: "\n")
            }
            let causes: [JSONValue] = conflicts.map {
                ["reason": "FieldManagerConflict", "message": .string("conflict with \"\($0.manager)\" using \(type.apiVersion)"),
                    "field": .string(FieldSet.render($0.path))]
            }
            throw StatusError.conflict(type, name, message: message, causes: causes)
        }
        if force {
            for i in entries.indices where !(entries[i].manager == manager && entries[i].operation == "Apply") {
                entries[i].fields.subtract(overlapping: appliedSet)
            }
        }
        var result = live
        // Fields this manager applied before but not now are removed unless someone else owns them.
        let previous = entries.first { $0.manager == manager && $0.operation == "Apply" && $0.subresource == subresource }?.fields ?? FieldSet()
        let others = entries.filter { !($0.manager == manager && $0.operation == "Apply" && $0.subresource == subresource) }
        for p in previous.paths where !appliedSet.paths.contains(p) {
            let ownedElsewhere = others.contains { $0.fields.paths.contains { FieldSet.overlaps($0, p) } }
            if !ownedElsewhere { removePath(&result, p) }
        }
        result = deepMerge(applied, into: result, keys: keys)
        let time = ObjectMeta.timestamp(now)
        let newEntry = ManagedFieldsEntry(manager: manager, operation: "Apply", apiVersion: type.apiVersion, time: time,
            subresource: subresource, fields: appliedSet)
        if let i = entries.firstIndex(where: { $0.manager == manager && $0.operation == "Apply" && $0.subresource == subresource }) {
            if entries[i].fields != appliedSet || result != live { entries[i] = newEntry }
        } else {
            entries.append(newEntry)
        }
        ManagedFieldsEntry.store(entries, into: &result)
        return result
    }

    private static func removePath(_ doc: inout JSONValue, _ path: [String]) {
        guard let head = path.first else { return }
        if let key = FieldSet.itemKey(head), case .array(var items) = doc {
            guard let index = items.firstIndex(where: { FieldSet.matches($0, key) }) else { return }
            if path.count == 1 {
                items.remove(at: index)
            } else {
                var item = items[index]
                // The key fields identify the item; they go only with the whole item.
                if !(path.count == 2 && key[path[1]] != nil) { removePath(&item, Array(path.dropFirst())) }
                // An item left with nothing but its keys is no longer applied by anyone.
                if (item.objectValue?.keys.filter { key[$0] == nil }.isEmpty ?? true) { items.remove(at: index) } else { items[index] = item }
            }
            doc = .array(items)
            return
        }
        if path.count == 1 {
            doc[head] = nil
            return
        }
        guard var child = doc[head] else { return }
        removePath(&child, Array(path.dropFirst()))
        if case .object(let o) = child, o.isEmpty { doc[head] = nil } else { doc[head] = child }
    }

    /// Deep merge: objects merge recursively, keyed lists merge item by item, everything else replaces.
    static func deepMerge(_ patch: JSONValue, into target: JSONValue, keys: ListKeys, path: [String] = []) -> JSONValue {
        guard case .object(let p) = patch, case .object(var t) = target else { return patch }
        for (k, v) in p {
            if v.isNull { continue }
            if let existing = t[k], case .object = v, case .object = existing {
                t[k] = deepMerge(v, into: existing, keys: keys, path: path + [k])
            } else if case .array(let applied) = v, case .array(var live)? = t[k], let listKeys = keys.keys(at: path + [k]),
                applied.allSatisfy({ FieldSet.hasKeys($0, listKeys) }), live.allSatisfy({ FieldSet.hasKeys($0, listKeys) })
            {
                for item in applied {
                    if let i = live.firstIndex(where: { old in listKeys.allSatisfy { old[$0] == item[$0] } }) {
                        live[i] = deepMerge(item, into: live[i], keys: keys, path: path + [k, FieldSet.itemElement(listKeys, item)])
                    } else {
                        live.append(item)
                    }
                }
                t[k] = .array(live)
            } else {
                t[k] = v
            }
        }
        return .object(t)
    }
}
