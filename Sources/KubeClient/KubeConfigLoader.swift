import Foundation

/// Turns kubeconfig files into a `ClientConfiguration`, following kubectl's precedence rules.
public enum KubeConfigLoader {
    /// The kubeconfig paths to read: the explicit one, else `KUBECONFIG` (colon-separated), else ~/.kube/config.
    public static func paths(explicit: String?, environment: [String: String]) -> [String] {
        if let explicit, !explicit.isEmpty { return [explicit] }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen = Set<String>()
            return list.split(separator: ":").map(String.init).filter { !$0.isEmpty && seen.insert($0).inserted }
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return [home + "/.kube/config"]
    }

    /// Loads and merges the files (missing files in a KUBECONFIG list are skipped, as kubectl does).
    public static func load(paths: [String], context: String?) throws -> ClientConfiguration {
        var files: [KubeConfigFile] = []
        for path in paths {
            if paths.count > 1, !FileManager.default.fileExists(atPath: path) { continue }
            files.append(try KubeConfigFile.load(path: path))
        }
        return try resolve(KubeConfigFile.merge(files), context: context)
    }

    /// Resolves the chosen context of a merged kubeconfig.
    public static func resolve(_ config: KubeConfigFile, context: String?) throws -> ClientConfiguration {
        guard let contextName = (context?.isEmpty == false ? context : nil) ?? config.currentContext else {
            throw KubeConfigError(code: "kubeconfig_no_context", detail: "no current-context and no --context")
        }
        guard let namedContext = config.contexts?.first(where: { $0.name == contextName }) else {
            throw KubeConfigError(code: "kubeconfig_context_not_found", detail: contextName)
        }
        guard let cluster = config.clusters?.first(where: { $0.name == namedContext.context.cluster })?.cluster else {
            throw KubeConfigError(code: "kubeconfig_cluster_not_found", detail: namedContext.context.cluster)
        }
        guard let server = cluster.server, !server.isEmpty else {
            throw KubeConfigError(code: "kubeconfig_server_missing", detail: namedContext.context.cluster)
        }
        let user = namedContext.context.user.flatMap { name in config.users?.first(where: { $0.name == name })?.user }
        var configuration = ClientConfiguration(server: server)
        configuration.contextName = contextName
        configuration.namespace = namedContext.context.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        configuration.insecureSkipTLSVerify = cluster.insecureSkipTLSVerify ?? false
        configuration.tlsServerName = cluster.tlsServerName.flatMap { $0.isEmpty ? nil : $0 }
        configuration.proxyURL = cluster.proxyURL.flatMap { $0.isEmpty ? nil : $0 }
        configuration.certificateAuthorityPEM = try material(data: cluster.certificateAuthorityData, path: cluster.certificateAuthority, what: "certificate-authority")
        if let user {
            configuration.clientCertificatePEM = try material(data: user.clientCertificateData, path: user.clientCertificate, what: "client-certificate")
            configuration.clientKeyPEM = try material(data: user.clientKeyData, path: user.clientKey, what: "client-key")
            configuration.credentials = credentials(for: user)
        }
        return configuration
    }

    static func credentials(for user: KubeConfigFile.User) -> CredentialSource {
        if let token = user.token, !token.isEmpty { return .token(token) }
        if let tokenFile = user.tokenFile, !tokenFile.isEmpty { return .tokenFile(tokenFile) }
        if let exec = user.exec { return .exec(exec) }
        if let username = user.username, let password = user.password { return .basic(username: username, password: password) }
        return .none
    }

    static func material(data: String?, path: String?, what: String) throws -> [UInt8]? {
        if let data, !data.isEmpty {
            guard let decoded = Data(base64Encoded: data, options: .ignoreUnknownCharacters) else {
                throw KubeConfigError(code: "kubeconfig_bad_base64", detail: what)
            }
            return [UInt8](decoded)
        }
        if let path, !path.isEmpty {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw KubeConfigError(code: "kubeconfig_file_unreadable", detail: "\(what): \(path)")
            }
            return [UInt8](contents)
        }
        return nil
    }
}
