/// batch/v1 CronJob.
public struct CronJob: KubeResource {
    /// `batch/v1` `cronjobs`.
    public static let descriptor = ResourceDescriptor(group: "batch", version: "v1", plural: "cronjobs", kind: "CronJob", namespaced: true)
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }

    /// `spec`.
    public var spec: CronJobSpec { get { object.nested("spec") } set { object.setNested("spec", newValue) } }
    /// `status`.
    public var status: CronJobStatus { get { object.nested("status") } set { object.setNested("status", newValue) } }
}

/// CronJob spec.
public struct CronJobSpec: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `schedule`.
    public var schedule: String? { get { object.string("schedule") } set { object.set("schedule", newValue) } }
    /// `timeZone`.
    public var timeZone: String? { get { object.string("timeZone") } set { object.set("timeZone", newValue) } }
    /// `suspend`.
    public var suspend: Bool? { get { object.bool("suspend") } set { object.set("suspend", newValue) } }
    /// `concurrencyPolicy`.
    public var concurrencyPolicy: String? { get { object.string("concurrencyPolicy") } set { object.set("concurrencyPolicy", newValue) } }
    /// `successfulJobsHistoryLimit`.
    public var successfulJobsHistoryLimit: Int? { get { object.int("successfulJobsHistoryLimit") } set { object.set("successfulJobsHistoryLimit", newValue) } }
    /// `failedJobsHistoryLimit`.
    public var failedJobsHistoryLimit: Int? { get { object.int("failedJobsHistoryLimit") } set { object.set("failedJobsHistoryLimit", newValue) } }
    /// `startingDeadlineSeconds`.
    public var startingDeadlineSeconds: Int? { get { object.int("startingDeadlineSeconds") } set { object.set("startingDeadlineSeconds", newValue) } }
    /// `jobTemplate`.
    public var jobTemplate: JobTemplateSpec { get { object.nested("jobTemplate") } set { object.setNested("jobTemplate", newValue) } }
}

/// Template of the Jobs a CronJob creates.
public struct JobTemplateSpec: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `metadata`.
    public var metadata: ObjectMeta { get { object.nested("metadata") } set { object.setNested("metadata", newValue) } }
    /// `spec`.
    public var spec: JobSpec { get { object.nested("spec") } set { object.setNested("spec", newValue) } }
}

/// CronJob status.
public struct CronJobStatus: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `lastScheduleTime`.
    public var lastScheduleTime: String? { get { object.string("lastScheduleTime") } set { object.set("lastScheduleTime", newValue) } }
    /// `lastSuccessfulTime`.
    public var lastSuccessfulTime: String? { get { object.string("lastSuccessfulTime") } set { object.set("lastSuccessfulTime", newValue) } }
    /// `active`. (raw JSON)
    public var active: JSONValue? { get { object["active"] } set { object["active"] = newValue } }
}
