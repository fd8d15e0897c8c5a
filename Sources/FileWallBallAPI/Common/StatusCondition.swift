import Foundation

/// One entry of a status `conditions` list, as `metav1.Condition` defines it.
public struct StatusCondition: Codable, Sendable, Equatable, SchemaDescribed {
    /// The condition's type, unique in the list (`Ready`, `DatabaseReady`, ...).
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: ConditionStatus
    /// A CamelCase machine-readable reason for the last transition.
    public var reason: String
    /// A human-readable message.
    public var message: String
    /// When `status` last changed.
    public var lastTransitionTime: String
    /// The `metadata.generation` the condition was computed from.
    public var observedGeneration: Int?

    /// Creates a condition.
    public init(type: String, status: ConditionStatus, reason: String, message: String,
                lastTransitionTime: String, observedGeneration: Int? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
        self.observedGeneration = observedGeneration
    }

    /// The schema of one condition.
    public static let schema = Schema.object(
        "A condition of the object's state, as metav1.Condition: the latest observation of one aspect.",
        required: ["type", "status", "reason", "message", "lastTransitionTime"], [
            "type": .string("The condition's type, unique in the list (for example Ready).",
                            pattern: #"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$"#,
                            maxLength: 316),
            "status": .string("Whether the condition holds: True, False or Unknown.", oneOf: ConditionStatus.allCases.map(\.rawValue)),
            "reason": .string("A CamelCase, machine-readable reason for the condition's last transition.",
                              pattern: #"^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$"#, minLength: 1, maxLength: 1024),
            "message": .string("A human-readable message with details about the transition.", maxLength: 32768),
            "lastTransitionTime": .timestamp("When the condition's status last changed."),
            "observedGeneration": .integer("The metadata.generation the condition was computed from.", minimum: 0),
        ])

    /// The schema of a `conditions` list: a map list keyed by `type`.
    public static func listSchema(_ description: String) -> Schema {
        Schema.array(description, of: schema).mapList(keys: ["type"])
    }
}

/// The status of a condition.
public enum ConditionStatus: String, Codable, Sendable, Equatable, CaseIterable {
    /// The condition holds.
    case `true` = "True"
    /// The condition does not hold.
    case `false` = "False"
    /// The controller cannot tell.
    case unknown = "Unknown"
}
