/// A container of a pod spec; typed accessors over its JSON, unknown fields kept.
public struct Container: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// Creates a container with a name and an image.
    public init(name: String, image: String) {
        self.object = [:]
        self.name = name
        self.image = image
    }

    /// `name`.
    public var name: String? { get { object.string("name") } set { object.set("name", newValue) } }
    /// `image`.
    public var image: String? { get { object.string("image") } set { object.set("image", newValue) } }
    /// `imagePullPolicy` (`Always`, `IfNotPresent`, `Never`).
    public var imagePullPolicy: String? { get { object.string("imagePullPolicy") } set { object.set("imagePullPolicy", newValue) } }
    /// `command`.
    public var command: [String]? { get { object.stringArray("command") } set { object.set("command", newValue) } }
    /// `args`.
    public var args: [String]? { get { object.stringArray("args") } set { object.set("args", newValue) } }
    /// `workingDir`.
    public var workingDir: String? { get { object.string("workingDir") } set { object.set("workingDir", newValue) } }
    /// `env` (empty removes the member).
    public var env: [EnvVar] { get { object.nestedArray("env") } set { object.setNestedArrayOrRemove("env", newValue) } }
    /// `envFrom` (empty removes the member).
    public var envFrom: [EnvFromSource] { get { object.nestedArray("envFrom") } set { object.setNestedArrayOrRemove("envFrom", newValue) } }
    /// `ports` (empty removes the member).
    public var ports: [ContainerPort] { get { object.nestedArray("ports") } set { object.setNestedArrayOrRemove("ports", newValue) } }
    /// `volumeMounts` (empty removes the member).
    public var volumeMounts: [VolumeMount] { get { object.nestedArray("volumeMounts") } set { object.setNestedArrayOrRemove("volumeMounts", newValue) } }
    /// `resources`.
    public var resources: ContainerResources? { get { object.optionalNested("resources") } set { object.setOptionalNested("resources", newValue) } }
    /// `readinessProbe`.
    public var readinessProbe: Probe? { get { object.optionalNested("readinessProbe") } set { object.setOptionalNested("readinessProbe", newValue) } }
    /// `livenessProbe`.
    public var livenessProbe: Probe? { get { object.optionalNested("livenessProbe") } set { object.setOptionalNested("livenessProbe", newValue) } }
    /// `startupProbe`.
    public var startupProbe: Probe? { get { object.optionalNested("startupProbe") } set { object.setOptionalNested("startupProbe", newValue) } }
    /// `securityContext`.
    public var securityContext: SecurityContext? { get { object.optionalNested("securityContext") } set { object.setOptionalNested("securityContext", newValue) } }
    /// `terminationMessagePath`.
    public var terminationMessagePath: String? { get { object.string("terminationMessagePath") } set { object.set("terminationMessagePath", newValue) } }
    /// `terminationMessagePolicy` (`File`, `FallbackToLogsOnError`).
    public var terminationMessagePolicy: String? { get { object.string("terminationMessagePolicy") } set { object.set("terminationMessagePolicy", newValue) } }
}

/// One `ports` entry of a container.
public struct ContainerPort: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// Creates a port (`protocol` left to the server's default, TCP, when nil).
    public init(name: String? = nil, containerPort: Int, protocol proto: String? = nil) {
        self.object = [:]
        self.name = name
        self.containerPort = containerPort
        self.protocol = proto
    }

    /// `name` (an IANA service name, referenced by probes and Services).
    public var name: String? { get { object.string("name") } set { object.set("name", newValue) } }
    /// `containerPort`.
    public var containerPort: Int? { get { object.int("containerPort") } set { object.set("containerPort", newValue) } }
    /// `protocol` (`TCP`, `UDP`, `SCTP`).
    public var `protocol`: String? { get { object.string("protocol") } set { object.set("protocol", newValue) } }
}
