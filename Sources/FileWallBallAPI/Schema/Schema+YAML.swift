import Yams

extension Schema {
    /// This schema as an ordered YAML node, as it stands in a CRD's `openAPIV3Schema`.
    func yamlNode() -> Node {
        var pairs: [(String, Node?)] = [
            ("description", YAMLNodes.string(description)),
            ("type", type.map { YAMLNodes.string($0.rawValue) }),
            ("format", format.map(YAMLNodes.string)),
        ]
        if intOrString {
            pairs.append(("anyOf", YAMLNodes.sequence([
                YAMLNodes.mapping([("type", YAMLNodes.string("integer"))]),
                YAMLNodes.mapping([("type", YAMLNodes.string("string"))]),
            ])))
            pairs.append(("x-kubernetes-int-or-string", YAMLNodes.boolean(true)))
        }
        pairs += [
            ("default", defaultValue.map { $0.yamlNode() }),
            ("enum", allowedValues.map(YAMLNodes.strings)),
            ("pattern", pattern.map(YAMLNodes.string)),
            ("minimum", minimum.map(YAMLNodes.integer)),
            ("maximum", maximum.map(YAMLNodes.integer)),
            ("minLength", minLength.map(YAMLNodes.integer)),
            ("maxLength", maxLength.map(YAMLNodes.integer)),
            ("maxItems", maxItems.map(YAMLNodes.integer)),
            ("items", items.map { $0.yamlNode() }),
            ("additionalProperties", additionalProperties.map { $0.yamlNode() }),
            ("properties", properties.isEmpty ? nil : YAMLNodes.mapping(properties.map { ($0.name, $0.schema.yamlNode()) })),
            ("required", required.isEmpty ? nil : YAMLNodes.strings(required)),
            ("x-kubernetes-list-type", listType.map(YAMLNodes.string)),
            ("x-kubernetes-list-map-keys", listMapKeys.map(YAMLNodes.strings)),
            ("x-kubernetes-validations", validations.isEmpty ? nil : YAMLNodes.sequence(validations.map {
                YAMLNodes.mapping([("rule", YAMLNodes.string($0.rule)), ("message", YAMLNodes.string($0.message))])
            })),
        ]
        return YAMLNodes.mapping(pairs)
    }
}

extension SchemaLiteral {
    /// This literal as a YAML node.
    func yamlNode() -> Node {
        switch self {
        case .string(let value): return YAMLNodes.string(value)
        case .integer(let value): return YAMLNodes.integer(value)
        case .boolean(let value): return YAMLNodes.boolean(value)
        case .object(let members): return YAMLNodes.mapping(members.map { ($0.key, $0.value.yamlNode()) })
        }
    }
}
