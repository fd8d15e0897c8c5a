/// A status condition (type, status, reason, message).
public struct Condition: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `type`.
    public var type: String? { get { object.string("type") } set { object.set("type", newValue) } }
    /// `status`.
    public var status: String? { get { object.string("status") } set { object.set("status", newValue) } }
    /// `reason`.
    public var reason: String? { get { object.string("reason") } set { object.set("reason", newValue) } }
    /// `message`.
    public var message: String? { get { object.string("message") } set { object.set("message", newValue) } }
    /// `lastTransitionTime`.
    public var lastTransitionTime: String? { get { object.string("lastTransitionTime") } set { object.set("lastTransitionTime", newValue) } }
    /// `observedGeneration`.
    public var observedGeneration: Int? { get { object.int("observedGeneration") } set { object.set("observedGeneration", newValue) } }
}
