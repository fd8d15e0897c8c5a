import Foundation

/// Where the bearer credential for each request comes from.
public enum CredentialSource: Sendable, Equatable {
    /// No Authorization header.
    case none
    /// A fixed bearer token.
    case token(String)
    /// A token file, re-read whenever it changes (projected service-account tokens rotate).
    case tokenFile(String)
    /// HTTP basic authentication.
    case basic(username: String, password: String)
    /// An exec credential plugin.
    case exec(ExecConfig)
}

/// Everything needed to talk to one API server, resolved from kubeconfig or in-cluster files.
public struct ClientConfiguration: Sendable, Equatable {
    /// Base URL such as `https://10.0.0.1:6443` (no trailing slash).
    public var server: String
    /// PEM CA bundle to trust, if not the system bundle.
    public var certificateAuthorityPEM: [UInt8]?
    /// Skip server certificate verification.
    public var insecureSkipTLSVerify: Bool
    /// PEM client certificate.
    public var clientCertificatePEM: [UInt8]?
    /// PEM client key.
    public var clientKeyPEM: [UInt8]?
    /// Bearer credential source.
    public var credentials: CredentialSource
    /// Namespace from the context (or `default`).
    public var namespace: String
    /// The context name this configuration came from, if any.
    public var contextName: String?
    /// TCP+TLS connect timeout.
    public var connectTimeout: Duration
    /// Overall timeout for non-watch requests.
    public var requestTimeout: Duration
    /// User-Agent header value.
    public var userAgent: String
    /// Name to send in SNI and verify in the server certificate instead of the URL's host.
    public var tlsServerName: String?
    /// Proxy URL (otherwise libcurl honours HTTPS_PROXY / NO_PROXY from the environment).
    public var proxyURL: String?

    /// Creates a configuration.
    public init(
        server: String, certificateAuthorityPEM: [UInt8]? = nil, insecureSkipTLSVerify: Bool = false,
        clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil, credentials: CredentialSource = .none,
        namespace: String = "default", contextName: String? = nil, connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(60), userAgent: String = "filewallball/kubeclient"
    ) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
        self.credentials = credentials
        self.namespace = namespace
        self.contextName = contextName
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.userAgent = userAgent
    }
}

extension ClientConfiguration {
    /// Default folder of the in-cluster service-account files.
    public static let serviceAccountFolder = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// True when KUBERNETES_SERVICE_HOST/PORT say we run in a pod.
    public static func isInCluster(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        environment["KUBERNETES_SERVICE_HOST"] != nil && environment["KUBERNETES_SERVICE_PORT"] != nil
    }

    /// In-cluster configuration from the service environment and service-account files.
    public static func inCluster(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        serviceAccountFolder: String = ClientConfiguration.serviceAccountFolder
    ) throws -> ClientConfiguration {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], let port = environment["KUBERNETES_SERVICE_PORT"] else {
            throw KubeConfigError(code: "in_cluster_env_missing", detail: "KUBERNETES_SERVICE_HOST/PORT not set")
        }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        let tokenPath = serviceAccountFolder + "/token"
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw KubeConfigError(code: "in_cluster_token_missing", detail: tokenPath)
        }
        let ca = FileManager.default.contents(atPath: serviceAccountFolder + "/ca.crt").map { [UInt8]($0) }
        let namespaceData = FileManager.default.contents(atPath: serviceAccountFolder + "/namespace")
        let namespace = namespaceData.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        return ClientConfiguration(
            server: "https://\(hostPart):\(port)", certificateAuthorityPEM: ca, credentials: .tokenFile(tokenPath),
            namespace: (namespace?.isEmpty == false ? namespace : nil) ?? "default")
    }

    /// kubectl's rule: `--kubeconfig` if given, else in-cluster when in a pod and no KUBECONFIG, else KUBECONFIG / ~/.kube/config.
    public static func resolve(
        kubeconfig: String?, context: String?, namespace: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ClientConfiguration {
        var configuration: ClientConfiguration
        if kubeconfig == nil, environment["KUBECONFIG"] == nil, isInCluster(environment: environment) {
            configuration = try inCluster(environment: environment)
        } else {
            let paths = KubeConfigLoader.paths(explicit: kubeconfig, environment: environment)
            configuration = try KubeConfigLoader.load(paths: paths, context: context)
        }
        if let namespace, !namespace.isEmpty { configuration.namespace = namespace }
        return configuration
    }
}

extension CredentialSource: CustomStringConvertible {
    /// Names the kind of credential without revealing it (safe to log).
    public var description: String {
        switch self {
        case .none: return "none"
        case .token: return "token(redacted)"
        case .tokenFile(let path): return "tokenFile(\(path))"
        case .basic(let username, _): return "basic(\(username), redacted)"
        case .exec(let config): return "exec(\(config.command))"
        }
    }
}

extension ClientConfiguration: CustomStringConvertible {
    /// A summary that never includes tokens, passwords or key material (safe to log).
    public var description: String {
        "ClientConfiguration(server: \(server), context: \(contextName ?? "-"), namespace: \(namespace), "
            + "credentials: \(credentials), clientCertificate: \(clientCertificatePEM == nil ? "no" : "yes"), "
            + "insecureSkipTLSVerify: \(insecureSkipTLSVerify))"
    }
}
