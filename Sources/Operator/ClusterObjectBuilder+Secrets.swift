import KubeClient

extension ClusterObjectBuilder {
    /// The database user of the file service.
    public static let databaseUser = "filewallball"
    /// The file service's first administrator.
    public static let adminUser = "admin"

    /// `N-database`: root-password, username, password, database, url and root-url.
    public func databaseSecret() -> Secret {
        let host = "\(names.mariadb).\(input.namespace).svc:\(DataServicePorts.mariadb)"
        return secret(names.databaseSecret, .database, [
            "root-password": credentials.databaseRootPassword,
            "username": Self.databaseUser,
            "password": credentials.databasePassword,
            "database": spec.databaseName,
            "url": "mariadb://\(Self.databaseUser):\(credentials.databasePassword)@\(host)/\(spec.databaseName)",
            "root-url": "mariadb://root:\(credentials.databaseRootPassword)@\(host)/\(spec.databaseName)",
        ])
    }

    /// `N-cache`: password, url and `auth.conf` (the `requirepass` line redis.conf includes).
    public func cacheSecret() -> Secret {
        secret(names.cacheSecret, .cache, [
            "password": credentials.cachePassword,
            "url": "redis://:\(credentials.cachePassword)@\(names.redis).\(input.namespace).svc:\(DataServicePorts.redis)/0",
            CacheFiles.authKey: "requirepass \(credentials.cachePassword)\n",
        ])
    }

    /// `N-admin`: username and password of the first administrator.
    public func adminSecret() -> Secret {
        secret(names.adminSecret, .fileService, ["username": Self.adminUser, "password": credentials.adminPassword])
    }

    private func secret(_ name: String, _ component: ClusterComponent, _ values: [String: String]) -> Secret {
        var secret = Secret(name: name, namespace: input.namespace)
        secret.metadata = metadata(name, component, owned: ownsData)
        secret.type = "Opaque"
        // `data`, not `stringData`: the server stores `data`, so the applied intent matches what it keeps.
        secret.data = values.mapValues { Array($0.utf8) }
        return secret
    }
}
