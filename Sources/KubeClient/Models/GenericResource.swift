/// Any object, for custom resources and kinds without a typed model.
public struct GenericResource: KubeObject {
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }
    /// `spec`, as raw JSON.
    public var spec: JSONObject? {
        get { object["spec"]?.objectValue }
        set { object["spec"] = newValue.map { .object($0) } }
    }
    /// `status`, as raw JSON.
    public var status: JSONObject? {
        get { object["status"]?.objectValue }
        set { object["status"] = newValue.map { .object($0) } }
    }
}
