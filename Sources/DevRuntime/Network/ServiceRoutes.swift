import KubeClient

/// One backend of a Service port: a Pod's address and the port its container listens on.
public struct ServiceBackend: Sendable, Hashable, CustomStringConvertible {
    /// The Pod's `status.podIP`.
    public var host: String
    /// The resolved target port.
    public var port: Int
    /// The Pod's name (for logs).
    public var podName: String

    /// Creates a backend.
    public init(host: String, port: Int, podName: String) {
        self.host = host
        self.port = port
        self.podName = podName
    }

    /// `host:port`.
    public var description: String { "\(host):\(port)" }
}

/// What the dev kube-proxy serves for one TCP port of one Service: a listener on `clusterIP:port` and the
/// Pods behind it.
public struct ServiceRoute: Sendable, Hashable, CustomStringConvertible {
    /// The Service's namespace.
    public var namespace: String
    /// The Service's name.
    public var service: String
    /// The Service port's name, if any.
    public var portName: String?
    /// The listen address: the Service's cluster IP.
    public var listenHost: String
    /// The Service port.
    public var listenPort: Int
    /// The ready Pods, in a stable order (by Pod name).
    public var backends: [ServiceBackend]

    /// Creates a route.
    public init(namespace: String, service: String, portName: String? = nil, listenHost: String, listenPort: Int,
        backends: [ServiceBackend])
    {
        self.namespace = namespace
        self.service = service
        self.portName = portName
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.backends = backends
    }

    /// `clusterIP:port`, the identity of the listener.
    public var listenAddress: String { "\(listenHost):\(listenPort)" }

    /// `ns/name:port -> backends`.
    public var description: String { "\(namespace)/\(service) \(listenAddress) -> \(backends.map(\.description))" }
}

/// The kube-proxy computation, pure: Services and Pods in, routes out.
///
/// Like the EndpointSlice controller: a Pod backs a Service when it is in the Service's namespace, matches
/// its (non-empty) selector, has `status.podIP`, is not terminated (Succeeded/Failed); and, unless the
/// Service has `publishNotReadyAddresses`, is Running, has condition Ready=True and is not being deleted.
/// `targetPort` is a number, or a name looked up in the Pod's container ports (a Pod without that port name
/// is no backend of that port); without it the Service port itself. Only TCP ports are routed; headless
/// (`clusterIP: None`), ExternalName and IP-less Services get no route.
public enum ServiceRoutes {
    /// Every route, sorted by listen address.
    public static func routes(services: [Service], pods: [Pod]) -> [ServiceRoute] {
        let podsByNamespace = Dictionary(grouping: pods) { $0.namespace ?? "" }
        var routes: [ServiceRoute] = []
        for service in services {
            guard let ip = routableClusterIP(service) else { continue }
            let namespace = service.namespace ?? ""
            let backendsPods = selectedPods(service, in: podsByNamespace[namespace] ?? [])
            for port in service.spec.ports where (port.protocol ?? "TCP") == "TCP" {
                guard let listenPort = port.port, listenPort > 0 else { continue }
                let backends = backendsPods.compactMap { pod -> ServiceBackend? in
                    guard let target = targetPort(port, pod: pod), let podIP = pod.status.podIP else { return nil }
                    return ServiceBackend(host: podIP, port: target, podName: pod.name)
                }
                routes.append(ServiceRoute(namespace: namespace, service: service.name, portName: port.name, listenHost: ip,
                    listenPort: listenPort, backends: backends))
            }
        }
        return routes.sorted { ($0.listenHost, $0.listenPort) < ($1.listenHost, $1.listenPort) }
    }

    /// The cluster IP a route listens on: nil for headless, ExternalName and not-yet-allocated Services.
    public static func routableClusterIP(_ service: Service) -> String? {
        guard service.spec.type != "ExternalName", let ip = service.spec.clusterIP, !ip.isEmpty, ip != "None" else { return nil }
        return ip
    }

    /// The Pods that back a Service (same namespace already), sorted by name.
    public static func selectedPods(_ service: Service, in pods: [Pod]) -> [Pod] {
        guard let selector = service.spec.selector, !selector.isEmpty else { return [] }
        let publishNotReady = service.spec.object.bool("publishNotReadyAddresses") ?? false
        return pods.filter { pod in
            let labels = pod.metadata.labels ?? [:]
            guard selector.allSatisfy({ labels[$0.key] == $0.value }) else { return false }
            return isServing(pod, publishNotReady: publishNotReady)
        }.sorted { $0.name < $1.name }
    }

    /// Whether a selected Pod receives traffic.
    public static func isServing(_ pod: Pod, publishNotReady: Bool) -> Bool {
        guard let ip = pod.status.podIP, !ip.isEmpty else { return false }
        let phase = pod.status.phase ?? ""
        if phase == "Succeeded" || phase == "Failed" { return false }
        if publishNotReady { return true }
        return phase == "Running" && isReady(pod) && pod.metadata.deletionTimestamp == nil
    }

    /// Condition Ready=True.
    public static func isReady(_ pod: Pod) -> Bool {
        pod.status.conditions.contains { $0.type == "Ready" && $0.status == "True" }
    }

    /// The port on the Pod a Service port forwards to; nil when a named port is not declared by the Pod.
    public static func targetPort(_ port: ServicePort, pod: Pod) -> Int? {
        if let n = port.targetPort?.intValue, n > 0 { return Int(n) }
        guard let text = port.targetPort?.stringValue, !text.isEmpty else { return port.port }
        if let n = Int(text), n > 0 { return n }
        for container in pod.spec.containers {
            if let found = container.ports.first(where: { $0.name == text }), let n = found.containerPort { return n }
        }
        return nil
    }
}
