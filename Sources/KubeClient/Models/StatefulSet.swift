/// apps/v1 StatefulSet.
public struct StatefulSet: KubeResource {
    /// `apps/v1` `statefulsets`.
    public static let descriptor = ResourceDescriptor(group: "apps", version: "v1", plural: "statefulsets", kind: "StatefulSet", namespaced: true)
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }

    /// `spec`.
    public var spec: StatefulSetSpec { get { object.nested("spec") } set { object.setNested("spec", newValue) } }
    /// `status`.
    public var status: StatefulSetStatus { get { object.nested("status") } set { object.setNested("status", newValue) } }
}

/// StatefulSet spec.
public struct StatefulSetSpec: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `replicas`.
    public var replicas: Int? { get { object.int("replicas") } set { object.set("replicas", newValue) } }
    /// `serviceName` (the governing headless Service).
    public var serviceName: String? { get { object.string("serviceName") } set { object.set("serviceName", newValue) } }
    /// `selector`.
    public var selector: LabelSelector { get { object.nested("selector") } set { object.setNested("selector", newValue) } }
    /// `template`.
    public var template: PodTemplateSpec { get { object.nested("template") } set { object.setNested("template", newValue) } }
    /// `volumeClaimTemplates` (each a PersistentVolumeClaim without namespace).
    public var volumeClaimTemplates: [PersistentVolumeClaim] {
        get { (object.objectArray("volumeClaimTemplates") ?? []).map(PersistentVolumeClaim.init(object:)) }
        set { object.set("volumeClaimTemplates", objects: newValue.isEmpty ? nil : newValue.map(\.object)) }
    }
    /// `podManagementPolicy` (`OrderedReady`, `Parallel`).
    public var podManagementPolicy: String? { get { object.string("podManagementPolicy") } set { object.set("podManagementPolicy", newValue) } }
    /// `updateStrategy`. (raw JSON)
    public var updateStrategy: JSONValue? { get { object["updateStrategy"] } set { object["updateStrategy"] = newValue } }
}

/// StatefulSet status.
public struct StatefulSetStatus: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `observedGeneration`.
    public var observedGeneration: Int? { get { object.int("observedGeneration") } set { object.set("observedGeneration", newValue) } }
    /// `replicas`.
    public var replicas: Int? { get { object.int("replicas") } set { object.set("replicas", newValue) } }
    /// `readyReplicas`.
    public var readyReplicas: Int? { get { object.int("readyReplicas") } set { object.set("readyReplicas", newValue) } }
    /// `currentRevision`.
    public var currentRevision: String? { get { object.string("currentRevision") } set { object.set("currentRevision", newValue) } }
    /// `updateRevision`.
    public var updateRevision: String? { get { object.string("updateRevision") } set { object.set("updateRevision", newValue) } }
}
