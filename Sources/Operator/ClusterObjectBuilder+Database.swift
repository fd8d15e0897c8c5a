import KubeClient

extension ClusterObjectBuilder {
    /// `N-mariadb` ConfigMap: `my.cnf`, read from `/etc/mysql/conf.d`.
    public func mariadbConfigMap() -> ConfigMap {
        var configMap = ConfigMap(name: names.mariadb, namespace: input.namespace)
        configMap.metadata = metadata(names.mariadb, .database)
        configMap.data = ["my.cnf": Self.mariadbConfiguration]
        return configMap
    }

    /// The text of `my.cnf`.
    static let mariadbConfiguration = """
        [mysqld]
        character-set-server = utf8mb4
        collation-server = utf8mb4_unicode_ci
        bind-address = 0.0.0.0
        skip-name-resolve
        max_connections = 200
        innodb_buffer_pool_size = 256M
        innodb_log_file_size = 64M
        innodb_flush_log_at_trx_commit = 1
        innodb_file_per_table = 1

        [client]
        default-character-set = utf8mb4

        """

    /// `N-mariadb-headless`: the StatefulSet's governing Service (no cluster IP, not-ready pods published).
    public func mariadbHeadlessService() -> Service {
        service(names.mariadbHeadless, .database, ports: [("mysql", DataServicePorts.mariadb)], headless: true)
    }

    /// `N-mariadb`: the client Service on 3306.
    public func mariadbService() -> Service {
        service(names.mariadb, .database, ports: [("mysql", DataServicePorts.mariadb)])
    }

    /// `N-mariadb`: a StatefulSet of one MariaDB pod with the `data` claim template.
    public func mariadbStatefulSet() -> StatefulSet {
        let secret = names.databaseSecret
        var container = Container(name: "mariadb", image: spec.databaseImage)
        container.env = [
            .secretKey("MARIADB_ROOT_PASSWORD", secret: secret, key: "root-password"),
            .secretKey("MARIADB_DATABASE", secret: secret, key: "database"),
            .secretKey("MARIADB_USER", secret: secret, key: "username"),
            .secretKey("MARIADB_PASSWORD", secret: secret, key: "password"),
            // A newer spec.database.image upgrades the system tables on start (and creates the healthcheck
            // user a data directory from an older image lacks).
            EnvVar(name: "MARIADB_AUTO_UPGRADE", value: "1"),
        ]
        container.ports = [ContainerPort(name: "mysql", containerPort: DataServicePorts.mariadb, protocol: "TCP")]
        container.volumeMounts = [
            VolumeMount(name: ClusterNames.mariadbDataTemplate, mountPath: "/var/lib/mysql"),
            VolumeMount(name: "config", mountPath: "/etc/mysql/conf.d", readOnly: true),
            VolumeMount(name: "tmp", mountPath: "/tmp"),
            VolumeMount(name: "run", mountPath: "/run/mysqld"),
        ]
        // healthcheck.sh ships with the official image and logs in with the healthcheck user it creates.
        container.readinessProbe = Probe.exec(["healthcheck.sh", "--connect", "--innodb_initialized"])
            .timing(initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3)
        container.livenessProbe = Probe.exec(["healthcheck.sh", "--connect", "--innodb_initialized"])
            .timing(initialDelaySeconds: 60, periodSeconds: 30, timeoutSeconds: 10, failureThreshold: 5)
        container.resources = Self.containerResources(spec.databaseResources)
        container.securityContext = .restricted(readOnlyRootFilesystem: true, runAsUser: Self.dataServiceUser)

        var podSpec = Self.restrictedPodSpec(container, volumes: [
            .configMap("config", configMapName: names.mariadb),
            .emptyDir("tmp"),
            .emptyDir("run"),
        ], user: Self.dataServiceUser)
        podSpec.terminationGracePeriodSeconds = 60

        var claim = PersistentVolumeClaim(object: [:])
        var claimMeta = ObjectMeta()
        claimMeta.name = ClusterNames.mariadbDataTemplate
        claimMeta.labels = ObjectLabels.labels(cluster: input.name, component: .database)
        claim.metadata = claimMeta
        claim.spec = Self.claimSpec(size: spec.databaseStorageSize, storageClass: spec.databaseStorageClass, accessMode: .readWriteOnce)

        var statefulSet = StatefulSet(name: names.mariadb, namespace: input.namespace)
        statefulSet.metadata = metadata(names.mariadb, .database)
        var setSpec = StatefulSetSpec()
        setSpec.replicas = 1
        setSpec.serviceName = names.mariadbHeadless
        setSpec.selector = selector(.database)
        setSpec.template = podTemplate(.database, spec: podSpec, configuration: Self.mariadbConfiguration)
        setSpec.volumeClaimTemplates = [claim]
        statefulSet.spec = setSpec
        return statefulSet
    }
}
