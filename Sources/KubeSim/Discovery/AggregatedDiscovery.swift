import Foundation

/// Aggregated discovery (`apidiscovery.k8s.io/v2` APIGroupDiscoveryList) for `/api` and `/apis`.
enum AggregatedDiscovery {
    /// The response media type clients match on.
    static let contentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"

    /// Whether the Accept header asks for the v2 aggregated form.
    static func requested(_ accept: String) -> Bool {
        accept.split(separator: ",").contains { part in
            let p = part.replacingOccurrences(of: " ", with: "")
            return p.contains("g=apidiscovery.k8s.io") && p.contains("v=v2;") && p.contains("as=APIGroupDiscoveryList")
                && !p.contains("v=v2beta1")
        }
    }

    private static func resource(_ t: ResourceType) -> JSONValue {
        var r: JSONValue = [
            "resource": .string(t.plural),
            "responseKind": ["group": .string(t.group), "version": .string(t.version), "kind": .string(t.kind)],
            "scope": t.namespaced ? "Namespaced" : "Cluster",
            "singularResource": .string(t.singular),
            "verbs": Discovery.verbs,
        ]
        if !t.shortNames.isEmpty { r["shortNames"] = .array(t.shortNames.map { .string($0) }) }
        if !t.categories.isEmpty { r["categories"] = .array(t.categories.map { .string($0) }) }
        var subresources: [JSONValue] = []
        if t.hasStatus {
            subresources.append(["subresource": "status", "verbs": ["get", "patch", "update"],
                "responseKind": ["group": .string(t.group), "version": .string(t.version), "kind": .string(t.kind)]])
        }
        if t.scale != nil {
            subresources.append(["subresource": "scale", "verbs": ["get", "patch", "update"],
                "responseKind": ["group": "autoscaling", "version": "v1", "kind": "Scale"]])
        }
        if !subresources.isEmpty { r["subresources"] = .array(subresources) }
        return r
    }

    /// The document for `/api` (core = true) or `/apis`.
    static func document(core: Bool, _ types: [ResourceType]) -> JSONValue {
        let selected = types.filter { $0.group.isEmpty == core }
        var groups: [String: [String: [ResourceType]]] = [:]
        for t in selected { groups[t.group, default: [:]][t.version, default: []].append(t) }
        var items: [JSONValue] = []
        for group in groups.keys.sorted() {
            let versions = (groups[group] ?? [:]).keys.sorted { Discovery.versionPriority($0) > Discovery.versionPriority($1) }
            let versionDocs: [JSONValue] = versions.map { v in
                let resources = (groups[group]?[v] ?? []).sorted { $0.plural < $1.plural }.map(resource)
                return ["version": .string(v), "resources": .array(resources), "freshness": "Current"]
            }
            var meta: JSONValue = [:]
            if !group.isEmpty { meta["name"] = .string(group) }
            items.append(["metadata": meta, "versions": .array(versionDocs)])
        }
        return ["kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": [:], "items": .array(items)]
    }
}
