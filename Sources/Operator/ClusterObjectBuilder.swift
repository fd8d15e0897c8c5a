import FileWallBallAPI
import KubeClient

/// Builds the desired objects of one cluster: pure functions of the input, the resolved spec and the
/// credentials (same input, identical JSON).
public struct ClusterObjectBuilder: Sendable {
    /// The cluster.
    public var input: ClusterInput
    /// Its spec with defaults resolved.
    public var spec: ResolvedClusterSpec
    /// Object names.
    public var names: ClusterNames
    /// The Secret values.
    public var credentials: GeneratedCredentials

    /// Creates a builder; throws when the spec cannot be resolved (an upload size that is not whole bytes).
    public init(input: ClusterInput, credentials: GeneratedCredentials) throws(QuantityError) {
        self.input = input
        self.spec = try ResolvedClusterSpec(input.spec)
        self.names = ClusterNames(cluster: input.name)
        self.credentials = credentials
    }

    /// User and group the MariaDB and Redis images run as (`mysql` and `redis` in the official images).
    public static let dataServiceUser = 999

    /// Metadata of a child: name, namespace, the five labels and, when `owned`, the controller reference.
    func metadata(_ name: String, _ component: ClusterComponent, owned: Bool = true) -> ObjectMeta {
        var meta = ObjectMeta()
        meta.name = name
        meta.namespace = input.namespace
        meta.labels = ObjectLabels.labels(cluster: input.name, component: component)
        if owned { meta.ownerReferences = [input.ownerReference] }
        return meta
    }

    /// Whether objects holding data (Secrets, PVCs) carry the owner reference: only under `Delete`, so that
    /// under `Retain` the garbage collector leaves them when the cluster goes.
    var ownsData: Bool { spec.deletionPolicy == .delete }

    /// A label selector of a component's pods.
    func selector(_ component: ClusterComponent) -> LabelSelector {
        var selector = LabelSelector()
        selector.matchLabels = ObjectLabels.selector(cluster: input.name, component: component)
        return selector
    }

    /// A pod template with the component's labels and, when given, the digest of the configuration its
    /// pods read (a new digest rolls them).
    func podTemplate(_ component: ClusterComponent, spec podSpec: PodSpec, configuration: String? = nil) -> PodTemplateSpec {
        var template = PodTemplateSpec()
        var meta = ObjectMeta()
        meta.labels = ObjectLabels.labels(cluster: input.name, component: component)
        if let configuration { meta.annotations = [ConfigHash.annotation: ConfigHash.digest(configuration)] }
        template.metadata = meta
        template.spec = podSpec
        return template
    }

    /// A Service selecting a component's pods.
    func service(_ name: String, _ component: ClusterComponent, ports: [(String, Int)], headless: Bool = false) -> Service {
        var service = Service(name: name, namespace: input.namespace)
        service.metadata = metadata(name, component)
        var serviceSpec = ServiceSpec()
        serviceSpec.type = "ClusterIP"
        if headless {
            serviceSpec.clusterIP = "None"
            serviceSpec.object.set("publishNotReadyAddresses", true)
        }
        serviceSpec.selector = ObjectLabels.selector(cluster: input.name, component: component)
        serviceSpec.ports = ports.map { name, port in
            var servicePort = ServicePort()
            servicePort.name = name
            servicePort.port = port
            servicePort.targetPort = .string(name)
            servicePort.protocol = "TCP"
            return servicePort
        }
        service.spec = serviceSpec
        return service
    }

    /// A PersistentVolumeClaim spec.
    static func claimSpec(size: String, storageClass: String?, accessMode: VolumeAccessMode) -> PersistentVolumeClaimSpec {
        var claim = PersistentVolumeClaimSpec()
        claim.accessModes = [accessMode.rawValue]
        claim.storageClassName = storageClass
        claim.resources = .object(["requests": .object(["storage": .string(size)])])
        return claim
    }

    /// The CRD's resource requirements as a container's.
    static func containerResources(_ requirements: ResourceRequirements) -> ContainerResources? {
        let resources = ContainerResources(requests: requirements.requests, limits: requirements.limits)
        return resources.object.isEmpty ? nil : resources
    }

    /// The pod spec every workload shares: one container, its volumes, the restricted pod security
    /// context as `user` (uid, gid and fsGroup), and no service-account token (none of them calls the API).
    static func restrictedPodSpec(_ container: Container, volumes: [Volume], user: Int) -> PodSpec {
        var podSpec = PodSpec()
        podSpec.containers = [container]
        podSpec.volumes = volumes
        podSpec.securityContext = .restricted(runAsUser: user, runAsGroup: user, fsGroup: user)
        podSpec.automountServiceAccountToken = false
        return podSpec
    }
}
