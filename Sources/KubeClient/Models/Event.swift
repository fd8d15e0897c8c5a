/// core/v1 Event.
public struct Event: KubeResource {
    /// `v1` `events`.
    public static let descriptor = ResourceDescriptor(group: "", version: "v1", plural: "events", kind: "Event", namespaced: true)
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }

    /// `involvedObject`.
    public var involvedObject: ObjectReference { get { object.nested("involvedObject") } set { object.setNested("involvedObject", newValue) } }
    /// `reason`.
    public var reason: String? { get { object.string("reason") } set { object.set("reason", newValue) } }
    /// `message`.
    public var message: String? { get { object.string("message") } set { object.set("message", newValue) } }
    /// `type`.
    public var type: String? { get { object.string("type") } set { object.set("type", newValue) } }
    /// `count`.
    public var count: Int? { get { object.int("count") } set { object.set("count", newValue) } }
    /// `firstTimestamp`.
    public var firstTimestamp: String? { get { object.string("firstTimestamp") } set { object.set("firstTimestamp", newValue) } }
    /// `lastTimestamp`.
    public var lastTimestamp: String? { get { object.string("lastTimestamp") } set { object.set("lastTimestamp", newValue) } }
    /// `source`.
    public var source: EventSource { get { object.nested("source") } set { object.setNested("source", newValue) } }
    /// `reportingComponent`.
    public var reportingComponent: String? { get { object.string("reportingComponent") } set { object.set("reportingComponent", newValue) } }
    /// `reportingInstance`.
    public var reportingInstance: String? { get { object.string("reportingInstance") } set { object.set("reportingInstance", newValue) } }
    /// `action`.
    public var action: String? { get { object.string("action") } set { object.set("action", newValue) } }
}

/// A reference to another object.
public struct ObjectReference: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `apiVersion`.
    public var apiVersion: String? { get { object.string("apiVersion") } set { object.set("apiVersion", newValue) } }
    /// `kind`.
    public var kind: String? { get { object.string("kind") } set { object.set("kind", newValue) } }
    /// `name`.
    public var name: String? { get { object.string("name") } set { object.set("name", newValue) } }
    /// `namespace`.
    public var namespace: String? { get { object.string("namespace") } set { object.set("namespace", newValue) } }
    /// `uid`.
    public var uid: String? { get { object.string("uid") } set { object.set("uid", newValue) } }
    /// `resourceVersion`.
    public var resourceVersion: String? { get { object.string("resourceVersion") } set { object.set("resourceVersion", newValue) } }
    /// `fieldPath`.
    public var fieldPath: String? { get { object.string("fieldPath") } set { object.set("fieldPath", newValue) } }
}

/// Who reported an event.
public struct EventSource: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `component`.
    public var component: String? { get { object.string("component") } set { object.set("component", newValue) } }
    /// `host`.
    public var host: String? { get { object.string("host") } set { object.set("host", newValue) } }
}
