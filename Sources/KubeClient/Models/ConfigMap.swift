/// core/v1 ConfigMap.
public struct ConfigMap: KubeResource {
    /// `v1` `configmaps`.
    public static let descriptor = ResourceDescriptor(group: "", version: "v1", plural: "configmaps", kind: "ConfigMap", namespaced: true)
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }

    /// `data`.
    public var data: [String: String]? { get { object.stringMap("data") } set { object.set("data", newValue) } }
    /// `binaryData`.
    public var binaryData: [String: String]? { get { object.stringMap("binaryData") } set { object.set("binaryData", newValue) } }
    /// `immutable`.
    public var immutable: Bool? { get { object.bool("immutable") } set { object.set("immutable", newValue) } }
}
