import Foundation

/// `/openapi/v3` documents: enough for kubectl's field-validation check, `kubectl explain` and schema lookups.
enum OpenAPIV3 {
    /// Key of a group/version in the root document (`api/v1`, `apis/g/v`).
    static func gvKey(group: String, version: String) -> String { group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)" }

    /// The root document listing every group/version with a content hash.
    static func root(_ types: [ResourceType]) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        let gvs = Set(types.map { gvKey(group: $0.group, version: $0.version) })
        for gv in gvs {
            let parts = gv.split(separator: "/").map(String.init)
            let (g, v) = parts.count == 2 ? ("", parts[1]) : (parts[1], parts[2])
            let doc = document(group: g, version: v, types) ?? [:]
            paths[gv] = ["serverRelativeURL": .string("/openapi/v3/\(gv)?hash=\(hash(JSONWriter.encode(doc)))")]
        }
        return ["paths": .object(paths)]
    }

    static func hash(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 14_695_981_039_346_656_037
        for b in bytes { h = (h ^ UInt64(b)) &* 1_099_511_628_211 }
        return String(format: "%016llX", h)
    }

    static func schemaName(_ t: ResourceType) -> String {
        let reversed = t.group.isEmpty ? "io.k8s.api.core" : t.group.split(separator: ".").reversed().joined(separator: ".")
        return "\(reversed).\(t.version).\(t.kind)"
    }

    private static func gvk(_ t: ResourceType) -> JSONValue {
        ["group": .string(t.group), "version": .string(t.version), "kind": .string(t.kind)]
    }

    private static func parameter(_ name: String) -> JSONValue {
        ["name": .string(name), "in": "query", "schema": ["type": "string", "uniqueItems": true]]
    }

    private static func operation(_ t: ResourceType, action: String, contentTypes: [String]?) -> JSONValue {
        var op: JSONValue = [
            "operationId": .string("\(action)\(t.kind)"),
            "x-kubernetes-action": .string(action),
            "x-kubernetes-group-version-kind": gvk(t),
            "parameters": [parameter("dryRun"), parameter("fieldManager"), parameter("fieldValidation")],
            "responses": ["200": ["description": "OK", "content": ["application/json": ["schema": ["$ref": .string("#/components/schemas/\(schemaName(t))")]]]]],
        ]
        if let contentTypes {
            var content: [String: JSONValue] = [:]
            for c in contentTypes { content[c] = ["schema": ["type": "object"]] }
            op["requestBody"] = ["content": .object(content)]
        }
        return op
    }

    /// The document for one group/version, nil when nothing is served there.
    static func document(group: String, version: String, _ types: [ResourceType]) -> JSONValue? {
        let matching = types.filter { $0.group == group && $0.version == version }
        if matching.isEmpty { return nil }
        var paths: [String: JSONValue] = [:]
        var schemas: [String: JSONValue] = [:]
        let patchTypes = ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"]
        for t in matching.sorted(by: { $0.plural < $1.plural }) {
            let root = t.group.isEmpty ? "/api/\(t.version)" : "/apis/\(t.group)/\(t.version)"
            let collection = t.namespaced ? "\(root)/namespaces/{namespace}/\(t.plural)" : "\(root)/\(t.plural)"
            paths[collection] = ["post": operation(t, action: "post", contentTypes: ["application/json"]),
                "get": operation(t, action: "list", contentTypes: nil)]
            paths[collection + "/{name}"] = ["get": operation(t, action: "get", contentTypes: nil),
                "put": operation(t, action: "put", contentTypes: ["application/json"]),
                "patch": operation(t, action: "patch", contentTypes: patchTypes),
                "delete": operation(t, action: "delete", contentTypes: nil)]
            if t.hasStatus {
                paths[collection + "/{name}/status"] = ["get": operation(t, action: "get", contentTypes: nil),
                    "put": operation(t, action: "put", contentTypes: ["application/json"]),
                    "patch": operation(t, action: "patch", contentTypes: patchTypes)]
            }
            var schema = t.schema ?? ["type": "object", "x-kubernetes-preserve-unknown-fields": true,
                "description": .string("\(t.kind) is a built-in kind served by KubeSim (schema not modelled).")]
            var props = schema["properties"]?.objectValue ?? [:]
            props["apiVersion"] = ["type": "string", "description": "APIVersion defines the versioned schema of this representation of an object."]
            props["kind"] = ["type": "string", "description": "Kind is a string value representing the REST resource this object represents."]
            props["metadata"] = ["type": "object", "description": "Standard object's metadata.",
                "x-kubernetes-preserve-unknown-fields": true]
            schema["properties"] = .object(props)
            schema["x-kubernetes-group-version-kind"] = [gvk(t)]
            schemas[schemaName(t)] = schema
        }
        return [
            "openapi": "3.0.0",
            "info": ["title": "Kubernetes", "version": .string(KubeSimVersion.gitVersion)],
            "paths": .object(paths),
            "components": ["schemas": .object(schemas)],
        ]
    }
}
