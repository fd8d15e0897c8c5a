/// One `volumes` entry of a pod spec (Secret, ConfigMap, PVC or emptyDir sources are typed; others stay JSON).
public struct Volume: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// A volume of a Secret's keys (`defaultMode` as a number, e.g. 0o440).
    /// `keys` limits the volume to those keys, each a file of the same name (all keys when empty).
    public static func secret(_ name: String, secretName: String, keys: [String] = [], defaultMode: Int? = nil, optional: Bool? = nil) -> Volume {
        var source: JSONObject = ["secretName": .string(secretName)]
        if !keys.isEmpty {
            source["items"] = .array(keys.map { .object(["key": .string($0), "path": .string($0)]) })
        }
        source.set("defaultMode", defaultMode)
        source.set("optional", optional)
        return Volume(object: ["name": .string(name), "secret": .object(source)])
    }

    /// A volume of a ConfigMap's keys.
    public static func configMap(_ name: String, configMapName: String, defaultMode: Int? = nil, optional: Bool? = nil) -> Volume {
        var source: JSONObject = ["name": .string(configMapName)]
        source.set("defaultMode", defaultMode)
        source.set("optional", optional)
        return Volume(object: ["name": .string(name), "configMap": .object(source)])
    }

    /// A volume backed by a PersistentVolumeClaim.
    public static func persistentVolumeClaim(_ name: String, claimName: String, readOnly: Bool? = nil) -> Volume {
        var source: JSONObject = ["claimName": .string(claimName)]
        source.set("readOnly", readOnly)
        return Volume(object: ["name": .string(name), "persistentVolumeClaim": .object(source)])
    }

    /// A scratch volume (`medium: "Memory"` for tmpfs; `sizeLimit` a quantity such as `64Mi`).
    public static func emptyDir(_ name: String, medium: String? = nil, sizeLimit: String? = nil) -> Volume {
        var source: JSONObject = [:]
        source.set("medium", medium)
        source.set("sizeLimit", sizeLimit)
        return Volume(object: ["name": .string(name), "emptyDir": .object(source)])
    }

    /// `name`.
    public var name: String? { get { object.string("name") } set { object.set("name", newValue) } }
    /// `secret.secretName` when this is a Secret volume.
    public var secretName: String? { object["secret"]?["secretName"]?.stringValue }
    /// `configMap.name` when this is a ConfigMap volume.
    public var configMapName: String? { object["configMap"]?["name"]?.stringValue }
    /// `persistentVolumeClaim.claimName` when this is a PVC volume.
    public var claimName: String? { object["persistentVolumeClaim"]?["claimName"]?.stringValue }
    /// Whether this is an emptyDir volume.
    public var isEmptyDir: Bool { object["emptyDir"]?.objectValue != nil }
}

/// One `volumeMounts` entry of a container.
public struct VolumeMount: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// Creates a mount.
    public init(name: String, mountPath: String, readOnly: Bool? = nil, subPath: String? = nil) {
        self.object = [:]
        self.name = name
        self.mountPath = mountPath
        self.readOnly = readOnly
        self.subPath = subPath
    }

    /// The volume's name.
    public var name: String? { get { object.string("name") } set { object.set("name", newValue) } }
    /// `mountPath`.
    public var mountPath: String? { get { object.string("mountPath") } set { object.set("mountPath", newValue) } }
    /// `readOnly`.
    public var readOnly: Bool? { get { object.bool("readOnly") } set { object.set("readOnly", newValue) } }
    /// `subPath`.
    public var subPath: String? { get { object.string("subPath") } set { object.set("subPath", newValue) } }
}
