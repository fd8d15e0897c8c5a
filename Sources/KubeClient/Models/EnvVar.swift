/// One `env` entry of a container: a literal value or a reference (Secret key, ConfigMap key, pod field).
public struct EnvVar: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// A variable with a literal value.
    public init(name: String, value: String) {
        self.object = [:]
        self.name = name
        self.value = value
    }

    /// A variable read from a Secret key.
    public static func secretKey(_ name: String, secret: String, key: String, optional: Bool? = nil) -> EnvVar {
        var variable = EnvVar(object: ["name": .string(name)])
        var source = EnvVarSource()
        source.secretKeyRef = KeySelector(name: secret, key: key, optional: optional)
        variable.valueFrom = source
        return variable
    }

    /// A variable read from a ConfigMap key.
    public static func configMapKey(_ name: String, configMap: String, key: String, optional: Bool? = nil) -> EnvVar {
        var variable = EnvVar(object: ["name": .string(name)])
        var source = EnvVarSource()
        source.configMapKeyRef = KeySelector(name: configMap, key: key, optional: optional)
        variable.valueFrom = source
        return variable
    }

    /// A variable read from a pod field (downward API), e.g. `metadata.namespace`.
    public static func field(_ name: String, path: String) -> EnvVar {
        var variable = EnvVar(object: ["name": .string(name)])
        var source = EnvVarSource()
        var selector = ObjectFieldSelector()
        selector.fieldPath = path
        source.fieldRef = selector
        variable.valueFrom = source
        return variable
    }

    /// `name`.
    public var name: String? { get { object.string("name") } set { object.set("name", newValue) } }
    /// `value`.
    public var value: String? { get { object.string("value") } set { object.set("value", newValue) } }
    /// `valueFrom`.
    public var valueFrom: EnvVarSource? { get { object.optionalNested("valueFrom") } set { object.setOptionalNested("valueFrom", newValue) } }
}

/// `valueFrom` of an env variable.
public struct EnvVarSource: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `secretKeyRef`.
    public var secretKeyRef: KeySelector? { get { object.optionalNested("secretKeyRef") } set { object.setOptionalNested("secretKeyRef", newValue) } }
    /// `configMapKeyRef`.
    public var configMapKeyRef: KeySelector? { get { object.optionalNested("configMapKeyRef") } set { object.setOptionalNested("configMapKeyRef", newValue) } }
    /// `fieldRef`.
    public var fieldRef: ObjectFieldSelector? { get { object.optionalNested("fieldRef") } set { object.setOptionalNested("fieldRef", newValue) } }
}

/// A key of a named Secret or ConfigMap (`secretKeyRef`, `configMapKeyRef`).
public struct KeySelector: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// Creates a selector.
    public init(name: String, key: String, optional: Bool? = nil) {
        self.object = [:]
        self.name = name
        self.key = key
        self.optional = optional
    }

    /// The Secret's or ConfigMap's name.
    public var name: String? { get { object.string("name") } set { object.set("name", newValue) } }
    /// `key`.
    public var key: String? { get { object.string("key") } set { object.set("key", newValue) } }
    /// `optional`.
    public var optional: Bool? { get { object.bool("optional") } set { object.set("optional", newValue) } }
}

/// `fieldRef`: a field of the pod (downward API).
public struct ObjectFieldSelector: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `fieldPath`, e.g. `metadata.name`.
    public var fieldPath: String? { get { object.string("fieldPath") } set { object.set("fieldPath", newValue) } }
    /// `apiVersion` of the path (server default `v1`).
    public var apiVersion: String? { get { object.string("apiVersion") } set { object.set("apiVersion", newValue) } }
}

/// One `envFrom` entry: every key of a Secret or ConfigMap as variables, with an optional prefix.
public struct EnvFromSource: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// All keys of a Secret.
    public static func secret(_ name: String, prefix: String? = nil, optional: Bool? = nil) -> EnvFromSource {
        var source = EnvFromSource(object: [:])
        source.prefix = prefix
        source.secretRef = NamedReference(name: name, optional: optional)
        return source
    }

    /// All keys of a ConfigMap.
    public static func configMap(_ name: String, prefix: String? = nil, optional: Bool? = nil) -> EnvFromSource {
        var source = EnvFromSource(object: [:])
        source.prefix = prefix
        source.configMapRef = NamedReference(name: name, optional: optional)
        return source
    }

    /// `prefix`.
    public var prefix: String? { get { object.string("prefix") } set { object.set("prefix", newValue) } }
    /// `secretRef`.
    public var secretRef: NamedReference? { get { object.optionalNested("secretRef") } set { object.setOptionalNested("secretRef", newValue) } }
    /// `configMapRef`.
    public var configMapRef: NamedReference? { get { object.optionalNested("configMapRef") } set { object.setOptionalNested("configMapRef", newValue) } }
}

/// A reference by name to a Secret or ConfigMap in the same namespace.
public struct NamedReference: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// Creates a reference.
    public init(name: String, optional: Bool? = nil) {
        self.object = [:]
        self.name = name
        self.optional = optional
    }

    /// `name`.
    public var name: String? { get { object.string("name") } set { object.set("name", newValue) } }
    /// `optional`.
    public var optional: Bool? { get { object.bool("optional") } set { object.set("optional", newValue) } }
}
