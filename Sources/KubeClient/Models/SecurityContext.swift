/// A container's `securityContext`.
public struct SecurityContext: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// What the Pod Security Standard "restricted" asks of a container: runAsNonRoot, no privilege
    /// escalation, every capability dropped, the RuntimeDefault seccomp profile; a read-only root
    /// filesystem unless turned off.
    public static func restricted(readOnlyRootFilesystem: Bool = true, runAsUser: Int? = nil) -> SecurityContext {
        var context = SecurityContext(object: [:])
        context.runAsNonRoot = true
        context.runAsUser = runAsUser
        context.allowPrivilegeEscalation = false
        context.readOnlyRootFilesystem = readOnlyRootFilesystem
        context.capabilitiesDrop = ["ALL"]
        context.seccompProfileType = "RuntimeDefault"
        return context
    }

    /// `runAsNonRoot`.
    public var runAsNonRoot: Bool? { get { object.bool("runAsNonRoot") } set { object.set("runAsNonRoot", newValue) } }
    /// `runAsUser`.
    public var runAsUser: Int? { get { object.int("runAsUser") } set { object.set("runAsUser", newValue) } }
    /// `runAsGroup`.
    public var runAsGroup: Int? { get { object.int("runAsGroup") } set { object.set("runAsGroup", newValue) } }
    /// `allowPrivilegeEscalation`.
    public var allowPrivilegeEscalation: Bool? { get { object.bool("allowPrivilegeEscalation") } set { object.set("allowPrivilegeEscalation", newValue) } }
    /// `privileged`.
    public var privileged: Bool? { get { object.bool("privileged") } set { object.set("privileged", newValue) } }
    /// `readOnlyRootFilesystem`.
    public var readOnlyRootFilesystem: Bool? { get { object.bool("readOnlyRootFilesystem") } set { object.set("readOnlyRootFilesystem", newValue) } }
    /// `capabilities.drop`.
    public var capabilitiesDrop: [String]? {
        get { object.objectMember("capabilities").stringArray("drop") }
        set { setCapabilities("drop", newValue) }
    }
    /// `capabilities.add`.
    public var capabilitiesAdd: [String]? {
        get { object.objectMember("capabilities").stringArray("add") }
        set { setCapabilities("add", newValue) }
    }
    /// `seccompProfile.type` (`RuntimeDefault`, `Localhost`, `Unconfined`).
    public var seccompProfileType: String? {
        get { object["seccompProfile"]?["type"]?.stringValue }
        set { object["seccompProfile"] = newValue.map { .object(["type": .string($0)]) } }
    }

    private mutating func setCapabilities(_ key: String, _ value: [String]?) {
        var capabilities = object.objectMember("capabilities")
        capabilities.set(key, value)
        object["capabilities"] = capabilities.isEmpty ? nil : .object(capabilities)
    }
}

/// A pod's `securityContext`.
public struct PodSecurityContext: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// The pod-level part of the "restricted" standard: runAsNonRoot and the RuntimeDefault seccomp
    /// profile, with optional user, group and fsGroup.
    public static func restricted(runAsUser: Int? = nil, runAsGroup: Int? = nil, fsGroup: Int? = nil) -> PodSecurityContext {
        var context = PodSecurityContext(object: [:])
        context.runAsNonRoot = true
        context.runAsUser = runAsUser
        context.runAsGroup = runAsGroup
        context.fsGroup = fsGroup
        context.seccompProfileType = "RuntimeDefault"
        return context
    }

    /// `runAsNonRoot`.
    public var runAsNonRoot: Bool? { get { object.bool("runAsNonRoot") } set { object.set("runAsNonRoot", newValue) } }
    /// `runAsUser`.
    public var runAsUser: Int? { get { object.int("runAsUser") } set { object.set("runAsUser", newValue) } }
    /// `runAsGroup`.
    public var runAsGroup: Int? { get { object.int("runAsGroup") } set { object.set("runAsGroup", newValue) } }
    /// `fsGroup`.
    public var fsGroup: Int? { get { object.int("fsGroup") } set { object.set("fsGroup", newValue) } }
    /// `fsGroupChangePolicy` (`OnRootMismatch`, `Always`).
    public var fsGroupChangePolicy: String? { get { object.string("fsGroupChangePolicy") } set { object.set("fsGroupChangePolicy", newValue) } }
    /// `seccompProfile.type`.
    public var seccompProfileType: String? {
        get { object["seccompProfile"]?["type"]?.stringValue }
        set { object["seccompProfile"] = newValue.map { .object(["type": .string($0)]) } }
    }
}
