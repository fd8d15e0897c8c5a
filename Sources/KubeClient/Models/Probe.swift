/// A container probe: one handler (httpGet, tcpSocket or exec) and its timing.
public struct Probe: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// An HTTP GET probe on a port number or name (`scheme` HTTP by default on the server).
    public static func httpGet(path: String, port: IntOrString, scheme: String? = nil) -> Probe {
        var action: JSONObject = ["path": .string(path), "port": port.json]
        action.set("scheme", scheme)
        return Probe(object: ["httpGet": .object(action)])
    }

    /// A TCP connect probe.
    public static func tcpSocket(port: IntOrString) -> Probe {
        Probe(object: ["tcpSocket": .object(["port": port.json])])
    }

    /// A probe running a command in the container (exit 0 is success).
    public static func exec(_ command: [String]) -> Probe {
        Probe(object: ["exec": .object(["command": .array(command.map { .string($0) })])])
    }

    /// `httpGet.path`.
    public var httpGetPath: String? { object["httpGet"]?["path"]?.stringValue }
    /// The port of the httpGet or tcpSocket handler.
    public var port: IntOrString? { IntOrString(json: object["httpGet"]?["port"] ?? object["tcpSocket"]?["port"]) }
    /// `exec.command`.
    public var execCommand: [String]? { object["exec"]?["command"]?.arrayValue?.compactMap(\.stringValue) }
    /// `initialDelaySeconds`.
    public var initialDelaySeconds: Int? { get { object.int("initialDelaySeconds") } set { object.set("initialDelaySeconds", newValue) } }
    /// `periodSeconds`.
    public var periodSeconds: Int? { get { object.int("periodSeconds") } set { object.set("periodSeconds", newValue) } }
    /// `timeoutSeconds`.
    public var timeoutSeconds: Int? { get { object.int("timeoutSeconds") } set { object.set("timeoutSeconds", newValue) } }
    /// `successThreshold`.
    public var successThreshold: Int? { get { object.int("successThreshold") } set { object.set("successThreshold", newValue) } }
    /// `failureThreshold`.
    public var failureThreshold: Int? { get { object.int("failureThreshold") } set { object.set("failureThreshold", newValue) } }

    /// This probe with its timing set (nil leaves a field to the server's default).
    public func timing(initialDelaySeconds: Int? = nil, periodSeconds: Int? = nil, timeoutSeconds: Int? = nil, successThreshold: Int? = nil, failureThreshold: Int? = nil) -> Probe {
        var probe = self
        probe.initialDelaySeconds = initialDelaySeconds
        probe.periodSeconds = periodSeconds
        probe.timeoutSeconds = timeoutSeconds
        probe.successThreshold = successThreshold
        probe.failureThreshold = failureThreshold
        return probe
    }
}
