import Foundation
import Synchronization

/// How a simulated Job's Pod ends: success or failure, its container's exit code and termination message.
public struct JobPodOutcome: Sendable, Equatable {
    /// True: the Pod succeeds and the Job completes; false: every attempt fails and the Job fails.
    public var succeed: Bool
    /// The container's `state.terminated.exitCode`.
    public var exitCode: Int
    /// The container's `state.terminated.message` (its termination message).
    public var message: String

    /// Creates an outcome; the exit code defaults to 0 on success and 1 on failure.
    public init(succeed: Bool, exitCode: Int? = nil, message: String = "") {
        self.succeed = succeed
        self.exitCode = exitCode ?? (succeed ? 0 : 1)
        self.message = message
    }
}

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
                message: body["message"]?.stringValue ?? ""))
    }

    /// The JSON form served by `GET /kubesim/job-outcomes`.
    var json: JSONValue {
        var o: JSONValue = ["succeed": .bool(outcome.succeed), "exitCode": .int(Int64(outcome.exitCode)), "message": .string(outcome.message)]
        if let namespace { o["namespace"] = .string(namespace) }
        if let jobNamePrefix { o["jobNamePrefix"] = .string(jobNamePrefix) }
        if let labelSelector { o["labelSelector"] = .string(labelSelector) }
        return o
    }
}

/// The installed Job outcome rules; the most recently added matching rule wins.
final class JobOutcomeRules: Sendable {
    private let rules = Mutex<[JobOutcomeRule]>([])

    func add(_ rule: JobOutcomeRule) {
        rules.withLock { $0.append(rule) }
    }

    func clear() {
        rules.withLock { $0.removeAll() }
    }

    func all() -> [JobOutcomeRule] {
        rules.withLock { $0 }
    }

    /// The outcome of the newest rule matching `job`, nil when none does.
    func outcome(for job: JSONValue) -> JobPodOutcome? {
        rules.withLock { $0.last { $0.matches(job) }?.outcome }
    }
}
