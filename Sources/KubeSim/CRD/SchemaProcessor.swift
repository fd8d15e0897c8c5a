import Foundation

/// Applies a CRD's structural openAPIV3Schema: pruning, defaulting and validation.
enum SchemaProcessor {
    /// Prunes, defaults and validates a custom object; throws 400 (strict unknown field) or 422 (invalid).
    static func process(_ object: JSONValue, type: ResourceType, validation: FieldValidation) throws(StatusError) -> (JSONValue, [String]) {
        guard let schema = type.schema else { return (object, []) }
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        var unknown: [String] = []
        var value = object
        // Root: apiVersion, kind and metadata are always known.
        var root = value.objectValue ?? [:]
        let preserved = ["apiVersion", "kind", "metadata"].reduce(into: [String: JSONValue]()) { $0[$1] = root[$1] }
        for key in preserved.keys { root[key] = nil }
        var rest = JSONValue.object(root)
        rest = prune(rest, schema: schema, path: [], unknown: &unknown)
        rest = applyDefaults(rest, schema: schema)
        var merged = rest.objectValue ?? [:]
        for (k, v) in preserved { merged[k] = v }
        value = .object(merged)
        if validation == .strict, !unknown.isEmpty {
            let list = unknown.map { "unknown field \"\($0)\"" }
            throw StatusError.badRequest("strict decoding error: " + list.joined(separator: ", "))
        }
        var causes: [StatusError.FieldCause] = []
        validate(rest, schema: schema, path: [], causes: &causes)
        if !causes.isEmpty { throw StatusError.invalid(type, name, causes: causes) }
        let warnings = validation == .warn ? unknown.map { "unknown field \"\($0)\"" } : []
        return (value, warnings)
    }

    private static func render(_ path: [String]) -> String {
        var out = ""
        for p in path {
            if p.hasPrefix("[") { out += p } else { out += out.isEmpty ? p : "." + p }
        }
        return out
    }

    static func prune(_ value: JSONValue, schema: JSONValue, path: [String], unknown: inout [String]) -> JSONValue {
        let preserve = schema["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
        switch value {
        case .object(let o):
            if schema["x-kubernetes-embedded-resource"]?.boolValue == true || schema["x-kubernetes-int-or-string"] != nil {
                return value
            }
            let properties = schema["properties"]?.objectValue
            let additional = schema["additionalProperties"]
            var out: [String: JSONValue] = [:]
            for (k, v) in o {
                if let propSchema = properties?[k] {
                    out[k] = prune(v, schema: propSchema, path: path + [k], unknown: &unknown)
                } else if let additional, additional.objectValue != nil {
                    out[k] = prune(v, schema: additional, path: path + [k], unknown: &unknown)
                } else if preserve || additional?.boolValue == true {
                    out[k] = v
                } else {
                    unknown.append(render(path + [k]))
                }
            }
            return .object(out)
        case .array(let a):
            guard let items = schema["items"] else { return value }
            return .array(a.enumerated().map { prune($0.element, schema: items, path: path + ["[\($0.offset)]"], unknown: &unknown) })
        default:
            return value
        }
    }

    static func applyDefaults(_ value: JSONValue, schema: JSONValue) -> JSONValue {
        switch value {
        case .object(var o):
            if let properties = schema["properties"]?.objectValue {
                for (k, propSchema) in properties {
                    if o[k] == nil, let d = propSchema["default"] { o[k] = d }
                    if let v = o[k] { o[k] = applyDefaults(v, schema: propSchema) }
                }
            } else if let additional = schema["additionalProperties"], additional.objectValue != nil {
                for (k, v) in o { o[k] = applyDefaults(v, schema: additional) }
            }
            return .object(o)
        case .array(let a):
            guard let items = schema["items"] else { return value }
            return .array(a.map { applyDefaults($0, schema: items) })
        default:
            return value
        }
    }

    private static func show(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): return "\"\(s)\""
        default: return JSONWriter.string(v)
        }
    }

    private static func typeMatches(_ v: JSONValue, _ type: String) -> Bool {
        switch type {
        case "object": if case .object = v { return true }
        case "array": if case .array = v { return true }
        case "string": if case .string = v { return true }
        case "boolean": if case .bool = v { return true }
        case "integer": return v.intValue != nil && { if case .double = v { return false }; return true }()
        case "number": return v.doubleValue != nil
        default: return true
        }
        return false
    }

    static func validate(_ value: JSONValue, schema: JSONValue, path: [String], causes: inout [StatusError.FieldCause]) {
        let field = render(path)
        if value.isNull {
            if schema["nullable"]?.boolValue != true, !path.isEmpty {
                causes.append(.init(field: field, reason: "FieldValueTypeInvalid", message: "Invalid value: \"null\": \(field) in body must be of type \(schema["type"]?.stringValue ?? "object"): \"null\""))
            }
            return
        }
        if schema["x-kubernetes-int-or-string"]?.boolValue == true {
            if value.intValue == nil && value.stringValue == nil {
                causes.append(.init(field: field, reason: "FieldValueTypeInvalid", message: "Invalid value: \(show(value)): \(field) in body must be of type integer-or-string"))
            }
            return
        }
        if let t = schema["type"]?.stringValue, !typeMatches(value, t) {
            causes.append(.init(field: field, reason: "FieldValueTypeInvalid", message: "Invalid value: \"\(value.typeName)\": \(field) in body must be of type \(t): \"\(value.typeName)\""))
            return
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(value) {
            let supported = options.map(show).joined(separator: ", ")
            causes.append(.init(field: field, reason: "FieldValueNotSupported", message: "Unsupported value: \(show(value)): supported values: \(supported)"))
        }
        if let n = value.doubleValue {
            if let min = schema["minimum"]?.doubleValue {
                let exclusive = schema["exclusiveMinimum"]?.boolValue == true
                if exclusive ? n <= min : n < min {
                    causes.append(.init(field: field, reason: "FieldValueInvalid", message: "Invalid value: \(show(value)): \(field) in body should be greater than \(exclusive ? "" : "or equal to ")\(show(schema["minimum"] ?? .null))"))
                }
            }
            if let max = schema["maximum"]?.doubleValue {
                let exclusive = schema["exclusiveMaximum"]?.boolValue == true
                if exclusive ? n >= max : n > max {
                    causes.append(.init(field: field, reason: "FieldValueInvalid", message: "Invalid value: \(show(value)): \(field) in body should be less than \(exclusive ? "" : "or equal to ")\(show(schema["maximum"] ?? .null))"))
                }
            }
        }
        if let s = value.stringValue {
            if let min = schema["minLength"]?.intValue, s.count < min {
                causes.append(.init(field: field, reason: "FieldValueInvalid", message: "Invalid value: \(show(value)): \(field) in body should be at least \(min) chars long"))
            }
            if let max = schema["maxLength"]?.intValue, s.count > max {
                causes.append(.init(field: field, reason: "FieldValueTooLong", message: "Too long: may not be more than \(max) bytes"))
            }
            if let pattern = schema["pattern"]?.stringValue, s.range(of: pattern, options: .regularExpression) == nil {
                causes.append(.init(field: field, reason: "FieldValueInvalid", message: "Invalid value: \(show(value)): \(field) in body should match '\(pattern)'"))
            }
        }
        switch value {
        case .object(let o):
            for req in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where o[req] == nil {
                causes.append(.init(field: render(path + [req]), reason: "FieldValueRequired", message: "Required value"))
            }
            let properties = schema["properties"]?.objectValue
            for (k, v) in o.sorted(by: { $0.key < $1.key }) {
                if let ps = properties?[k] {
                    validate(v, schema: ps, path: path + [k], causes: &causes)
                } else if let additional = schema["additionalProperties"], additional.objectValue != nil {
                    validate(v, schema: additional, path: path + [k], causes: &causes)
                }
            }
        case .array(let a):
            if let min = schema["minItems"]?.intValue, a.count < min {
                causes.append(.init(field: field, reason: "FieldValueInvalid", message: "Invalid value: \(a.count): \(field) in body should have at least \(min) items"))
            }
            if let max = schema["maxItems"]?.intValue, a.count > max {
                causes.append(.init(field: field, reason: "FieldValueTooMany", message: "Too many: \(a.count): must have at most \(max) items"))
            }
            if let items = schema["items"] {
                for (i, v) in a.enumerated() { validate(v, schema: items, path: path + ["[\(i)]"], causes: &causes) }
            }
        default:
            break
        }
    }
}
