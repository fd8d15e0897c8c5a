import KubeClient

extension ClusterObjectBuilder {
    /// HTTP port of the file API.
    public static let httpPort = 8080
    /// Port of probes and metrics.
    public static let adminPort = 8081
    /// Where the blob volume is mounted.
    public static let blobDirectory = "/var/lib/filewallball/blobs"
    /// Where the admin Secret's password is mounted.
    public static let adminPasswordFile = "/etc/filewallball/admin/password"

    /// `N-blobs`: the blob volume shared by every replica.
    public func blobClaim() -> PersistentVolumeClaim {
        var claim = PersistentVolumeClaim(name: names.blobClaim, namespace: input.namespace)
        claim.metadata = metadata(names.blobClaim, .fileService, owned: ownsData)
        claim.spec = Self.claimSpec(size: spec.blobStorageSize, storageClass: spec.blobStorageClass, accessMode: spec.blobAccessMode)
        return claim
    }

    /// `N-api`: the `filewallball serve` replicas.
    public func apiDeployment() -> Deployment {
        var container = Container(name: "filewallball", image: spec.appImage)
        container.args = ["serve"]
        container.env = [
            .secretKey("FWB_DATABASE_URL", secret: names.databaseSecret, key: "url"),
            .secretKey("FWB_REDIS_URL", secret: names.cacheSecret, key: "url"),
            EnvVar(name: "FWB_BLOB_DIR", value: Self.blobDirectory),
            EnvVar(name: "FWB_LISTEN", value: "0.0.0.0:\(Self.httpPort)"),
            EnvVar(name: "FWB_ADMIN_LISTEN", value: "0.0.0.0:\(Self.adminPort)"),
            EnvVar(name: "FWB_ENVIRONMENT", value: spec.environment.rawValue),
            EnvVar(name: "FWB_MAX_UPLOAD_BYTES", value: String(spec.maxUploadBytes)),
            EnvVar(name: "FWB_BOOTSTRAP_ADMIN", value: Self.adminUser),
            EnvVar(name: "FWB_BOOTSTRAP_PASSWORD_FILE", value: Self.adminPasswordFile),
            EnvVar(name: "FWB_CACHE_FILE_METADATA_TTL_SECONDS", value: String(spec.fileMetadataTTLSeconds)),
            EnvVar(name: "FWB_SESSION_TTL_SECONDS", value: String(spec.sessionTTLSeconds)),
            EnvVar(name: "FWB_CACHE_TEMPORARY_TTL_SECONDS", value: String(spec.temporaryDataTTLSeconds)),
            EnvVar(name: "FWB_LOG_FORMAT", value: "json"),
        ]
        container.ports = [
            ContainerPort(name: "http", containerPort: Self.httpPort, protocol: "TCP"),
            ContainerPort(name: "admin", containerPort: Self.adminPort, protocol: "TCP"),
        ]
        container.volumeMounts = [
            VolumeMount(name: "blobs", mountPath: Self.blobDirectory),
            VolumeMount(name: "admin", mountPath: "/etc/filewallball/admin", readOnly: true),
            VolumeMount(name: "tmp", mountPath: "/tmp"),
        ]
        container.readinessProbe = Probe.httpGet(path: "/readyz", port: .string("admin")).timing(periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3)
        container.livenessProbe = Probe.httpGet(path: "/healthz", port: .string("admin"))
            .timing(initialDelaySeconds: 10, periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 3)
        container.resources = Self.containerResources(spec.appResources)
        container.securityContext = .restricted(readOnlyRootFilesystem: true)

        let admin = Volume.secret("admin", secretName: names.adminSecret, keys: ["password"], defaultMode: 0o440)
        let podSpec = Self.restrictedPodSpec(container, volumes: [.persistentVolumeClaim("blobs", claimName: names.blobClaim), admin, .emptyDir("tmp")],
                                             user: Self.fileServiceUser)

        var deployment = Deployment(name: names.api, namespace: input.namespace)
        deployment.metadata = metadata(names.api, .fileService)
        var deploymentSpec = DeploymentSpec()
        deploymentSpec.replicas = spec.appReplicas
        deploymentSpec.strategy = .object([
            "type": .string("RollingUpdate"),
            "rollingUpdate": .object(["maxUnavailable": .int(0), "maxSurge": .int(1)]),
        ])
        deploymentSpec.selector = selector(.fileService)
        deploymentSpec.template = podTemplate(.fileService, spec: podSpec)
        deployment.spec = deploymentSpec
        return deployment
    }

    /// User, group and fsGroup of the file service pods (owner of the blob files).
    public static let fileServiceUser = 65532

    /// `N-api`: the file API on port 8080.
    public func apiService() -> Service {
        service(names.api, .fileService, ports: [("http", Self.httpPort)])
    }

    /// `N-api-admin`: probes and metrics on port 8081, for scraping.
    public func apiAdminService() -> Service {
        service(names.apiAdmin, .fileService, ports: [("admin", Self.adminPort)])
    }

    /// `N-api` PodDisruptionBudget (one pod down at a time); nil with fewer than two replicas, where it
    /// would block node drains.
    public func apiDisruptionBudget() -> PodDisruptionBudget? {
        guard spec.appReplicas > 1 else { return nil }
        var budget = PodDisruptionBudget(name: names.api, namespace: input.namespace)
        budget.metadata = metadata(names.api, .fileService)
        var budgetSpec = PodDisruptionBudgetSpec()
        budgetSpec.selector = selector(.fileService)
        budgetSpec.maxUnavailable = .int(1)
        budget.spec = budgetSpec
        return budget
    }
}
