/// batch/v1 Job.
public struct Job: KubeResource {
    /// `batch/v1` `jobs`.
    public static let descriptor = ResourceDescriptor(group: "batch", version: "v1", plural: "jobs", kind: "Job", namespaced: true)
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }

    /// `spec`.
    public var spec: JobSpec { get { object.nested("spec") } set { object.setNested("spec", newValue) } }
    /// `status`.
    public var status: JobStatus { get { object.nested("status") } set { object.setNested("status", newValue) } }
}

/// Job spec.
public struct JobSpec: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `template`.
    public var template: PodTemplateSpec { get { object.nested("template") } set { object.setNested("template", newValue) } }
    /// `backoffLimit`.
    public var backoffLimit: Int? { get { object.int("backoffLimit") } set { object.set("backoffLimit", newValue) } }
    /// `completions`.
    public var completions: Int? { get { object.int("completions") } set { object.set("completions", newValue) } }
    /// `parallelism`.
    public var parallelism: Int? { get { object.int("parallelism") } set { object.set("parallelism", newValue) } }
    /// `activeDeadlineSeconds`.
    public var activeDeadlineSeconds: Int? { get { object.int("activeDeadlineSeconds") } set { object.set("activeDeadlineSeconds", newValue) } }
    /// `ttlSecondsAfterFinished`.
    public var ttlSecondsAfterFinished: Int? { get { object.int("ttlSecondsAfterFinished") } set { object.set("ttlSecondsAfterFinished", newValue) } }
}

/// Job status.
public struct JobStatus: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `active`.
    public var active: Int? { get { object.int("active") } set { object.set("active", newValue) } }
    /// `succeeded`.
    public var succeeded: Int? { get { object.int("succeeded") } set { object.set("succeeded", newValue) } }
    /// `failed`.
    public var failed: Int? { get { object.int("failed") } set { object.set("failed", newValue) } }
    /// `startTime`.
    public var startTime: String? { get { object.string("startTime") } set { object.set("startTime", newValue) } }
    /// `completionTime`.
    public var completionTime: String? { get { object.string("completionTime") } set { object.set("completionTime", newValue) } }
    /// `conditions`.
    public var conditions: [Condition] { get { object.nestedArray("conditions") } set { object.setNestedArray("conditions", newValue) } }
}
