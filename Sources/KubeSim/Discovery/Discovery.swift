import Foundation

/// Legacy discovery documents built from the served types.
enum Discovery {
    static let verbs: JSONValue = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    /// `/api`.
    static func coreVersions() -> JSONValue {
        ["kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"]]]
    }

    private static func groupVersions(_ types: [ResourceType]) -> [String: [String]] {
        var result: [String: Set<String>] = [:]
        for t in types where !t.group.isEmpty { result[t.group, default: []].insert(t.version) }
        return result.mapValues { $0.sorted { versionPriority($0) > versionPriority($1) } }
    }

    /// Rough Kubernetes version ordering (v2 > v1 > v1beta1 > v1alpha1).
    static func versionPriority(_ v: String) -> Int {
        let digits = v.dropFirst().prefix { $0.isNumber }
        let major = Int(digits) ?? 0
        if v.contains("alpha") { return major * 10 }
        if v.contains("beta") { return major * 10 + 3 }
        return major * 10 + 9 + 1000
    }

    private static func group(_ name: String, _ versions: [String]) -> JSONValue {
        let vs: [JSONValue] = versions.map { ["groupVersion": .string("\(name)/\($0)"), "version": .string($0)] }
        return ["name": .string(name), "versions": .array(vs), "preferredVersion": vs.first ?? [:]]
    }

    /// `/apis`.
    static func groupList(_ types: [ResourceType]) -> JSONValue {
        let gv = groupVersions(types)
        return ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(gv.keys.sorted().map { group($0, gv[$0] ?? []) })]
    }

    /// `/apis/<group>`, nil when unknown.
    static func group(_ name: String, _ types: [ResourceType]) -> JSONValue? {
        guard let versions = groupVersions(types)[name] else { return nil }
        var g = group(name, versions)
        g["kind"] = "APIGroup"
        g["apiVersion"] = "v1"
        return g
    }

    /// `/api/v1` or `/apis/<group>/<version>`, nil when unknown.
    static func resourceList(group: String, version: String, _ types: [ResourceType]) -> JSONValue? {
        let matching = types.filter { $0.group == group && $0.version == version }.sorted { $0.plural < $1.plural }
        if matching.isEmpty { return nil }
        var resources: [JSONValue] = []
        for t in matching {
            var r: JSONValue = ["name": .string(t.plural), "singularName": .string(t.singular), "namespaced": .bool(t.namespaced),
                "kind": .string(t.kind), "verbs": verbs]
            if !t.shortNames.isEmpty { r["shortNames"] = .array(t.shortNames.map { .string($0) }) }
            if !t.categories.isEmpty { r["categories"] = .array(t.categories.map { .string($0) }) }
            resources.append(r)
            if ResourceHandler.hasScale(t) {
                resources.append(["name": .string("\(t.plural)/scale"), "singularName": "", "namespaced": .bool(t.namespaced),
                    "group": "autoscaling", "version": "v1", "kind": "Scale", "verbs": ["get", "patch", "update"]])
            }
            if t.hasStatus {
                resources.append(["name": .string("\(t.plural)/status"), "singularName": "", "namespaced": .bool(t.namespaced),
                    "kind": .string(t.kind), "verbs": ["get", "patch", "update"]])
            }
        }
        let gv = group.isEmpty ? version : "\(group)/\(version)"
        return ["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(gv), "resources": .array(resources)]
    }
}
