import Foundation

/// Turns CustomResourceDefinition objects into servable resource types.
enum CRDSupport {
    /// Validates a CRD and fills its status (NamesAccepted, Established, acceptedNames, storedVersions).
    static func prepare(_ crd: inout JSONValue, now: Date) throws(StatusError) {
        let type = BuiltinResources.crd
        let name = crd[path: ["metadata", "name"]]?.stringValue ?? ""
        let group = crd[path: ["spec", "group"]]?.stringValue ?? ""
        let plural = crd[path: ["spec", "names", "plural"]]?.stringValue ?? ""
        var causes: [StatusError.FieldCause] = []
        if group.isEmpty { causes.append(.init(field: "spec.group", reason: "FieldValueRequired", message: "Required value")) }
        if plural.isEmpty { causes.append(.init(field: "spec.names.plural", reason: "FieldValueRequired", message: "Required value")) }
        if crd[path: ["spec", "names", "kind"]]?.stringValue == nil {
            causes.append(.init(field: "spec.names.kind", reason: "FieldValueRequired", message: "Required value"))
        }
        if !group.isEmpty, !plural.isEmpty, name != "\(plural).\(group)" {
            causes.append(.init(field: "metadata.name", reason: "FieldValueInvalid",
                message: "Invalid value: \"\(name)\": must be spec.names.plural+\".\"+spec.group"))
        }
        let versions = crd[path: ["spec", "versions"]]?.arrayValue ?? []
        if versions.isEmpty { causes.append(.init(field: "spec.versions", reason: "FieldValueRequired", message: "Required value")) }
        if !causes.isEmpty { throw StatusError.invalid(type, name, causes: causes) }
        var names = crd[path: ["spec", "names"]] ?? [:]
        if names["singular"] == nil { names["singular"] = .string(names["kind"]?.stringValue?.lowercased() ?? "") }
        if names["listKind"] == nil { names["listKind"] = .string((names["kind"]?.stringValue ?? "") + "List") }
        crd[path: ["spec", "names"]] = names
        if crd[path: ["spec", "scope"]] == nil { crd[path: ["spec", "scope"]] = "Namespaced" }
        let time = JSONValue.string(ObjectMeta.timestamp(now))
        let existing = crd[path: ["status", "conditions"]]?.arrayValue ?? []
        func condition(_ type: String, _ reason: String, _ message: String) -> JSONValue {
            let old = existing.first { $0["type"]?.stringValue == type }
            return ["type": .string(type), "status": "True", "reason": .string(reason), "message": .string(message),
                "lastTransitionTime": old?["lastTransitionTime"] ?? time]
        }
        crd["status"] = [
            "acceptedNames": names,
            "conditions": [
                condition("NamesAccepted", "NoConflicts", "no conflicts found"),
                condition("Established", "InitialNamesAccepted", "the initial names have been accepted"),
            ],
            "storedVersions": .array(versions.filter { $0["storage"]?.boolValue == true }.compactMap { $0["name"] }),
        ]
    }

    private static func scale(_ version: JSONValue) -> ServedScaleSubresource? {
        guard let s = version[path: ["subresources", "scale"]], let spec = s["specReplicasPath"]?.stringValue,
            let status = s["statusReplicasPath"]?.stringValue
        else { return nil }
        return ServedScaleSubresource(specReplicasPath: spec, statusReplicasPath: status, labelSelectorPath: s["labelSelectorPath"]?.stringValue)
    }

    /// The resource types served by an established CRD (one per served version).
    static func resourceTypes(_ crd: JSONValue) -> [ResourceType] {
        let group = crd[path: ["spec", "group"]]?.stringValue ?? ""
        let names = crd[path: ["spec", "names"]] ?? [:]
        let namespaced = crd[path: ["spec", "scope"]]?.stringValue != "Cluster"
        var result: [ResourceType] = []
        for v in crd[path: ["spec", "versions"]]?.arrayValue ?? [] where v["served"]?.boolValue != false {
            let columns = (v["additionalPrinterColumns"]?.arrayValue ?? []).map { c in
                ServedPrinterColumn(name: c["name"]?.stringValue ?? "", type: c["type"]?.stringValue ?? "string",
                    format: c["format"]?.stringValue ?? "", description: c["description"]?.stringValue ?? "",
                    priority: Int(c["priority"]?.intValue ?? 0), jsonPath: c["jsonPath"]?.stringValue ?? "")
            }
            var schema = v[path: ["schema", "openAPIV3Schema"]]
            if schema == nil { schema = ["type": "object", "x-kubernetes-preserve-unknown-fields": true] }
            result.append(ResourceType(group: group, version: v["name"]?.stringValue ?? "v1",
                kind: names["kind"]?.stringValue ?? "", plural: names["plural"]?.stringValue ?? "",
                singular: names["singular"]?.stringValue ?? "", namespaced: namespaced,
                shortNames: names["shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                categories: names["categories"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                hasStatus: v[path: ["subresources", "status"]] != nil, printerColumns: columns, schema: schema,
                isCustom: true, allowsUnconditionalUpdate: false, scale: scale(v)))
        }
        return result
    }
}
