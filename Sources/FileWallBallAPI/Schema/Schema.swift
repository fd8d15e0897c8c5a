/// One node of an OpenAPI v3 structural schema, as a CustomResourceDefinition's `openAPIV3Schema` holds it.
///
/// Schemas are written next to the Swift types they describe (see `SchemaDescribed`) with the static
/// builders below, and rendered into the CRDs under `crds/` by `CRDRenderer`. Every node carries a
/// description, so `kubectl explain` documents every field.
public struct Schema: Sendable, Equatable {
    /// The OpenAPI `type`; nil only for `x-kubernetes-int-or-string` nodes.
    public var type: SchemaType?
    /// What the field means, shown by `kubectl explain`.
    public var description: String
    /// `format` (for example `date-time`, `int32`).
    public var format: String?
    /// The value the API server fills in when the field is absent.
    public var defaultValue: SchemaLiteral?
    /// The allowed values of a string field.
    public var allowedValues: [String]?
    /// An ECMA-262 regular expression a string must match.
    public var pattern: String?
    /// Smallest allowed integer.
    public var minimum: Int?
    /// Largest allowed integer.
    public var maximum: Int?
    /// Shortest allowed string.
    public var minLength: Int?
    /// Longest allowed string.
    public var maxLength: Int?
    /// Largest allowed array.
    public var maxItems: Int?
    /// The fields of an object, in the order they are documented.
    public var properties: [SchemaProperty]
    /// Names of the fields that must be present.
    public var required: [String]
    /// `x-kubernetes-list-type` of an array (`map`, `set`, `atomic`).
    public var listType: String?
    /// `x-kubernetes-list-map-keys` of a `map` list.
    public var listMapKeys: [String]?
    /// `x-kubernetes-int-or-string`: an integer or a string (resource quantities).
    public var intOrString: Bool
    /// `x-kubernetes-validations` (CEL rules that real API servers enforce).
    public var validations: [ValidationRule]
    /// Element schema (arrays) or value schema (maps); boxed in an array to allow recursion.
    private var children: [Schema]
    /// Whether `children` holds the value schema of a map (`additionalProperties`) rather than array items.
    private var childIsMapValue: Bool

    init(type: SchemaType?, description: String) {
        self.type = type
        self.description = description
        properties = []
        required = []
        intOrString = false
        validations = []
        children = []
        childIsMapValue = false
    }

    /// The element schema of an array.
    public var items: Schema? { childIsMapValue ? nil : children.first }
    /// The value schema of a map (`additionalProperties`).
    public var additionalProperties: Schema? { childIsMapValue ? children.first : nil }

    /// The schema of the property `name`, if this is an object that has one.
    public func property(_ name: String) -> Schema? { properties.first { $0.name == name }?.schema }
}

/// A named field of an object schema.
public struct SchemaProperty: Sendable, Equatable {
    /// The JSON key.
    public var name: String
    /// Its schema.
    public var schema: Schema
}

/// The OpenAPI primitive types a structural schema uses.
public enum SchemaType: String, Sendable, Equatable {
    /// A JSON object.
    case object
    /// A JSON array.
    case array
    /// A string.
    case string
    /// An integer.
    case integer
    /// A boolean.
    case boolean
}

/// One `x-kubernetes-validations` entry.
public struct ValidationRule: Sendable, Equatable {
    /// The CEL expression.
    public var rule: String
    /// What the API server answers when the rule fails.
    public var message: String
    /// Creates a rule.
    public init(rule: String, message: String) {
        self.rule = rule
        self.message = message
    }
}

extension Schema {
    /// An object with the given fields (in this order); `required` names the fields that must be present.
    public static func object(_ description: String, required: [String] = [],
                              _ properties: KeyValuePairs<String, Schema>) -> Schema {
        var schema = Schema(type: .object, description: description)
        schema.properties = properties.map { SchemaProperty(name: $0.key, schema: $0.value) }
        schema.required = required
        return schema
    }

    /// A map from strings to values of one schema.
    public static func map(_ description: String, values: Schema) -> Schema {
        var schema = Schema(type: .object, description: description)
        schema.children = [values]
        schema.childIsMapValue = true
        return schema
    }

    /// An array of elements of one schema.
    public static func array(_ description: String, of items: Schema, maxItems: Int? = nil) -> Schema {
        var schema = Schema(type: .array, description: description)
        schema.children = [items]
        schema.maxItems = maxItems
        return schema
    }

    /// A string, optionally with a default, an enumeration, a pattern and length bounds.
    public static func string(_ description: String, default value: String? = nil, oneOf values: [String]? = nil,
                              pattern: String? = nil, minLength: Int? = nil, maxLength: Int? = nil,
                              format: String? = nil) -> Schema {
        var schema = Schema(type: .string, description: description)
        schema.defaultValue = value.map(SchemaLiteral.string)
        schema.allowedValues = values
        schema.pattern = pattern
        schema.minLength = minLength
        schema.maxLength = maxLength
        schema.format = format
        return schema
    }

    /// An integer, optionally with a default and bounds.
    public static func integer(_ description: String, default value: Int? = nil, minimum: Int? = nil,
                               maximum: Int? = nil, format: String? = "int64") -> Schema {
        var schema = Schema(type: .integer, description: description)
        schema.defaultValue = value.map(SchemaLiteral.integer)
        schema.minimum = minimum
        schema.maximum = maximum
        schema.format = format
        return schema
    }

    /// A boolean, optionally with a default.
    public static func boolean(_ description: String, default value: Bool? = nil) -> Schema {
        var schema = Schema(type: .boolean, description: description)
        schema.defaultValue = value.map(SchemaLiteral.boolean)
        return schema
    }

    /// An RFC 3339 timestamp.
    public static func timestamp(_ description: String) -> Schema {
        string(description, format: "date-time")
    }

    /// A resource quantity as Kubernetes writes it (`512Mi`, `2`, `500m`): an integer or a string.
    public static func quantity(_ description: String) -> Schema {
        var schema = Schema(type: nil, description: description)
        schema.intOrString = true
        schema.pattern = SchemaPatterns.quantity
        return schema
    }

    /// This schema with a default value (for objects: usually `.object([:])` so nested defaults apply).
    public func defaulting(to value: SchemaLiteral) -> Schema {
        var copy = self
        copy.defaultValue = value
        return copy
    }

    /// This array schema as a map list keyed by `keys` (`x-kubernetes-list-type: map`).
    public func mapList(keys: [String]) -> Schema {
        var copy = self
        copy.listType = "map"
        copy.listMapKeys = keys
        return copy
    }

    /// This schema with a CEL validation rule added.
    public func validated(_ rule: String, message: String) -> Schema {
        var copy = self
        copy.validations.append(ValidationRule(rule: rule, message: message))
        return copy
    }

    /// This schema with another description (a shared type described for one use).
    public func described(_ description: String) -> Schema {
        var copy = self
        copy.description = description
        return copy
    }
}
