/// core/v1 PersistentVolumeClaim.
public struct PersistentVolumeClaim: KubeResource {
    /// `v1` `persistentvolumeclaims`.
    public static let descriptor = ResourceDescriptor(group: "", version: "v1", plural: "persistentvolumeclaims", kind: "PersistentVolumeClaim", namespaced: true)
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }

    /// `spec`.
    public var spec: PersistentVolumeClaimSpec { get { object.nested("spec") } set { object.setNested("spec", newValue) } }
    /// `status`.
    public var status: PersistentVolumeClaimStatus { get { object.nested("status") } set { object.setNested("status", newValue) } }
}

/// PVC spec.
public struct PersistentVolumeClaimSpec: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `accessModes`.
    public var accessModes: [String]? { get { object.stringArray("accessModes") } set { object.set("accessModes", newValue) } }
    /// `storageClassName`.
    public var storageClassName: String? { get { object.string("storageClassName") } set { object.set("storageClassName", newValue) } }
    /// `volumeName`.
    public var volumeName: String? { get { object.string("volumeName") } set { object.set("volumeName", newValue) } }
    /// `volumeMode`.
    public var volumeMode: String? { get { object.string("volumeMode") } set { object.set("volumeMode", newValue) } }
    /// `resources`. (raw JSON)
    public var resources: JSONValue? { get { object["resources"] } set { object["resources"] = newValue } }
}

/// PVC status.
public struct PersistentVolumeClaimStatus: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `phase`.
    public var phase: String? { get { object.string("phase") } set { object.set("phase", newValue) } }
    /// `capacity`.
    public var capacity: [String: String]? { get { object.stringMap("capacity") } set { object.set("capacity", newValue) } }
}
