import Foundation

/// A test rule choosing the outcome of the Jobs it matches (all given criteria must hold).
public struct JobOutcomeRule: Sendable, Equatable {
    /// Only Jobs in this namespace (any when nil).
    public var namespace: String?
    /// Only Jobs whose name starts with this (any when nil).
    public var jobNamePrefix: String?
    /// Only Jobs whose labels match this label selector (any when nil).
    public var labelSelector: String?
    /// What happens to matching Jobs.
    public var outcome: JobPodOutcome

    /// Creates a rule.
    public init(namespace: String? = nil, jobNamePrefix: String? = nil, labelSelector: String? = nil, outcome: JobPodOutcome) {
        self.namespace = namespace
        self.jobNamePrefix = jobNamePrefix
        self.labelSelector = labelSelector
        self.outcome = outcome
    }

    /// Whether the rule applies to a Job.
    func matches(_ job: JSONValue) -> Bool {
        if let namespace, job[path: ["metadata", "namespace"]]?.stringValue != namespace { return false }
        if let jobNamePrefix, !(job[path: ["metadata", "name"]]?.stringValue ?? "").hasPrefix(jobNamePrefix) { return false }
        if let labelSelector {
            guard let query = try? LabelSelectorQuery.parse(labelSelector) else { return false }
            return query.matches(job[path: ["metadata", "labels"]]?.objectValue ?? [:])
        }
        return true
    }

    /// Parses the body of `POST /kubesim/job-outcomes`.
    static func parse(_ body: JSONValue) throws(StatusError) -> JobOutcomeRule {
        guard let succeed = body["succeed"]?.boolValue else {
            throw StatusError.badRequest("job outcome rule: \"succeed\" (boolean) is required")
        }
        if let selector = body["labelSelector"]?.stringValue { _ = try LabelSelectorQuery.parse(selector) }
        return JobOutcomeRule(namespace: body["namespace"]?.stringValue, jobNamePrefix: body["jobNamePrefix"]?.stringValue,
            labelSelector: body["labelSelector"]?.stringValue,
            outcome: JobPodOutcome(succeed: succeed, exitCode: body["exitCode"]?.intValue.map { Int($0) },
                message: body["message"]?.stringValue ?? "", hold: body["hold"]?.boolValue ?? false))
    }

    /// The JSON form served by `GET /kubesim/job-outcomes`.
    var json: JSONValue {
        var o: JSONValue = ["succeed": .bool(outcome.succeed), "exitCode": .int(Int64(outcome.exitCode)), "message": .string(outcome.message),
                            "hold": .bool(outcome.hold)]
        if let namespace { o["namespace"] = .string(namespace) }
        if let jobNamePrefix { o["jobNamePrefix"] = .string(jobNamePrefix) }
        if let labelSelector { o["labelSelector"] = .string(labelSelector) }
        return o
    }
}
