import KubeClient

extension ClusterObjectBuilder {
    /// `N-redis` ConfigMap: redis.conf without persistence, including the password file from the Secret.
    public func redisConfigMap() -> ConfigMap {
        var configMap = ConfigMap(name: names.redis, namespace: input.namespace)
        configMap.metadata = metadata(names.redis, .cache)
        configMap.data = ["redis.conf": redisConfiguration]
        return configMap
    }

    /// The text of `redis.conf`.
    var redisConfiguration: String {
        """
        bind 0.0.0.0
        port \(DataServicePorts.redis)
        protected-mode yes
        dir /data
        maxmemory \(spec.cacheMaxMemory)
        maxmemory-policy \(spec.cacheEvictionPolicy.rawValue)
        save ""
        appendonly no
        include \(CacheFiles.secretDirectory)/\(CacheFiles.authKey)

        """
    }

    /// `N-redis`: one Redis pod reading its password from the mounted Secret key, never from args.
    public func redisDeployment() -> Deployment {
        var container = Container(name: "redis", image: spec.cacheImage)
        container.command = ["redis-server", CacheFiles.configFile]
        container.ports = [ContainerPort(name: "redis", containerPort: DataServicePorts.redis, protocol: "TCP")]
        container.volumeMounts = [
            VolumeMount(name: "config", mountPath: CacheFiles.configDirectory, readOnly: true),
            VolumeMount(name: "auth", mountPath: CacheFiles.secretDirectory, readOnly: true),
            VolumeMount(name: "data", mountPath: "/data"),
        ]
        // A TCP check: `redis-cli ping` would need the password on its command line.
        container.readinessProbe = Probe.tcpSocket(port: .string("redis")).timing(initialDelaySeconds: 2, periodSeconds: 5, timeoutSeconds: 2)
        container.livenessProbe = Probe.tcpSocket(port: .string("redis")).timing(initialDelaySeconds: 15, periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 5)
        container.resources = Self.containerResources(spec.cacheResources)
        container.securityContext = .restricted(readOnlyRootFilesystem: true, runAsUser: Self.dataServiceUser)

        let auth = Volume.secret("auth", secretName: names.cacheSecret, keys: [CacheFiles.authKey], defaultMode: 0o440)
        let podSpec = Self.restrictedPodSpec(container, volumes: [.configMap("config", configMapName: names.redis), auth, .emptyDir("data")],
                                             user: Self.dataServiceUser)

        var deployment = Deployment(name: names.redis, namespace: input.namespace)
        deployment.metadata = metadata(names.redis, .cache)
        var deploymentSpec = DeploymentSpec()
        deploymentSpec.replicas = 1
        // One Redis at a time: a second would start with an empty cache anyway.
        deploymentSpec.strategy = .object(["type": .string("Recreate")])
        deploymentSpec.selector = selector(.cache)
        deploymentSpec.template = podTemplate(.cache, spec: podSpec, configuration: redisConfiguration)
        deployment.spec = deploymentSpec
        return deployment
    }

    /// `N-redis`: the Service on 6379.
    public func redisService() -> Service {
        service(names.redis, .cache, ports: [("redis", DataServicePorts.redis)])
    }
}
