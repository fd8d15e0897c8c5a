import KubeClient

/// The complete desired state of a cluster, in apply order.
public enum DesiredObjects {
    /// Secrets, ConfigMaps, Services, the blob PVC, the StatefulSet, Deployments, the PDB (with more than
    /// one replica) and NetworkPolicies; throws when the spec's upload size is not whole bytes.
    public static func all(for input: ClusterInput, credentials: GeneratedCredentials) throws(QuantityError) -> [DesiredObject] {
        all(from: try ClusterObjectBuilder(input: input, credentials: credentials))
    }

    /// The same list from a builder.
    public static func all(from builder: ClusterObjectBuilder) -> [DesiredObject] {
        var objects: [DesiredObject] = [
            DesiredObject(builder.databaseSecret()),
            DesiredObject(builder.cacheSecret()),
            DesiredObject(builder.adminSecret()),
            DesiredObject(builder.mariadbConfigMap()),
            DesiredObject(builder.redisConfigMap()),
            DesiredObject(builder.mariadbHeadlessService()),
            DesiredObject(builder.mariadbService()),
            DesiredObject(builder.redisService()),
            DesiredObject(builder.apiService()),
            DesiredObject(builder.apiAdminService()),
            DesiredObject(builder.blobClaim()),
            DesiredObject(builder.mariadbStatefulSet()),
            DesiredObject(builder.redisDeployment()),
            DesiredObject(builder.apiDeployment()),
        ]
        if let budget = builder.apiDisruptionBudget() { objects.append(DesiredObject(budget)) }
        objects.append(DesiredObject(builder.mariadbNetworkPolicy()))
        objects.append(DesiredObject(builder.redisNetworkPolicy()))
        return objects
    }
}
