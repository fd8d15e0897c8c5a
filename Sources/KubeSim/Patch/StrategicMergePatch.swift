import Foundation

/// Strategic merge patch for the built-in kinds: merge patch plus keyed list merges and `$patch` directives.
enum StrategicMergePatch {
    /// Merge keys of the list fields KubeSim knows (by field name, refined by the parent field).
    static func mergeKey(field: String, parent: String?) -> String? {
        switch field {
        case "containers", "initContainers", "ephemeralContainers", "env", "volumes", "imagePullSecrets", "hostAliases":
            return field == "hostAliases" ? "ip" : "name"
        case "ports": return parent == "spec" ? "port" : "containerPort"
        case "volumeMounts": return "mountPath"
        case "volumeDevices": return "devicePath"
        case "conditions": return "type"
        case "ownerReferences": return "uid"
        case "tolerations", "topologySpreadConstraints": return nil
        default: return nil
        }
    }

    /// Lists of primitives merged as sets.
    static let primitiveMergeLists: Set<String> = ["finalizers"]

    /// Applies a strategic merge patch.
    static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        mergeObject(patch, target, field: nil, parent: nil)
    }

    private static func mergeObject(_ patch: JSONValue, _ target: JSONValue, field: String?, parent: String?) -> JSONValue {
        guard case .object(var p) = patch else { return patch }
        if p["$patch"]?.stringValue == "replace" {
            p["$patch"] = nil
            return stripDirectives(.object(p))
        }
        if p["$patch"]?.stringValue == "delete" { return .null }
        var result = target.objectValue ?? [:]
        var retainKeys: [String]? = nil
        if let keys = p["$retainKeys"]?.arrayValue { retainKeys = keys.compactMap(\.stringValue) }
        for (k, v) in p {
            if k == "$retainKeys" || k == "$patch" { continue }
            if k.hasPrefix("$setElementOrder/") { continue }
            if k.hasPrefix("$deleteFromPrimitiveList/") {
                let name = String(k.dropFirst("$deleteFromPrimitiveList/".count))
                let remove = Set((v.arrayValue ?? []).map { JSONWriter.string($0) })
                if let list = result[name]?.arrayValue {
                    result[name] = .array(list.filter { !remove.contains(JSONWriter.string($0)) })
                }
                continue
            }
            if v.isNull { result[k] = nil; continue }
            switch v {
            case .object:
                result[k] = mergeObject(v, result[k] ?? .null, field: k, parent: field)
            case .array(let items):
                result[k] = mergeList(items, result[k]?.arrayValue, field: k, parent: field)
            default:
                result[k] = v
            }
        }
        if let retainKeys {
            result = result.filter { retainKeys.contains($0.key) }
        }
        return .object(result)
    }

    private static func mergeList(_ patch: [JSONValue], _ target: [JSONValue]?, field: String, parent: String?) -> JSONValue {
        if primitiveMergeLists.contains(field) {
            var out = target ?? []
            for item in patch where !out.contains(item) { out.append(item) }
            return .array(out)
        }
        guard let key = mergeKey(field: field, parent: parent), patch.allSatisfy({ $0.objectValue != nil }) else {
            return stripDirectives(.array(patch))
        }
        if patch.contains(where: { $0["$patch"]?.stringValue == "replace" }) {
            return stripDirectives(.array(patch.filter { $0["$patch"]?.stringValue != "replace" }))
        }
        var out = target ?? []
        for item in patch {
            let keyValue = item[key]
            if item["$patch"]?.stringValue == "delete" {
                out.removeAll { $0[key] == keyValue }
                continue
            }
            if let i = out.firstIndex(where: { $0[key] == keyValue && keyValue != nil }) {
                out[i] = mergeObject(item, out[i], field: field, parent: parent)
            } else {
                out.append(stripDirectives(item))
            }
        }
        return .array(out)
    }

    private static func stripDirectives(_ v: JSONValue) -> JSONValue {
        switch v {
        case .object(let o):
            var out: [String: JSONValue] = [:]
            for (k, x) in o where !k.hasPrefix("$") { out[k] = stripDirectives(x) }
            return .object(out)
        case .array(let a): return .array(a.map(stripDirectives))
        default: return v
        }
    }
}
