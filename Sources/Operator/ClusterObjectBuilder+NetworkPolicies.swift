import KubeClient

extension ClusterObjectBuilder {
    /// Components whose pods may reach MariaDB and Redis.
    public static let dataClients: [ClusterComponent] = [.fileService, .backup, .restore]

    /// `N-mariadb`: only this cluster's file service, backup and restore pods reach port 3306.
    public func mariadbNetworkPolicy() -> NetworkPolicy {
        networkPolicy(names.mariadb, .database, port: DataServicePorts.mariadb)
    }

    /// `N-redis`: only this cluster's file service, backup and restore pods reach port 6379.
    public func redisNetworkPolicy() -> NetworkPolicy {
        networkPolicy(names.redis, .cache, port: DataServicePorts.redis)
    }

    private func networkPolicy(_ name: String, _ component: ClusterComponent, port: Int) -> NetworkPolicy {
        var policy = NetworkPolicy(name: name, namespace: input.namespace)
        policy.metadata = metadata(name, component)
        var policySpec = NetworkPolicySpec()
        policySpec.podSelector = selector(component)
        policySpec.policyTypes = ["Ingress"]
        let from: JSONValue = .object(["podSelector": .object([
            "matchLabels": .object([ObjectLabels.instanceKey: .string(input.name)]),
            "matchExpressions": .array([.object([
                "key": .string(ObjectLabels.componentKey),
                "operator": .string("In"),
                "values": .array(Self.dataClients.map { .string($0.rawValue) }),
            ])]),
        ])])
        policySpec.ingress = .array([.object([
            "from": .array([from]),
            "ports": .array([.object(["protocol": .string("TCP"), "port": .int(Int64(port))])]),
        ])])
        policy.spec = policySpec
        return policy
    }
}
