/// A kubeconfig `exec` credential plugin (client.authentication.k8s.io/v1 or v1beta1).
public struct ExecConfig: Sendable, Codable, Equatable {
    /// One environment variable for the plugin.
    public struct EnvVar: Sendable, Codable, Equatable {
        /// Variable name.
        public var name: String
        /// Variable value.
        public var value: String
    }

    /// ExecCredential apiVersion the plugin speaks.
    public var apiVersion: String?
    /// Program to run.
    public var command: String
    /// Arguments.
    public var args: [String]?
    /// Extra environment.
    public var env: [EnvVar]?
    /// Hint shown when the command is missing.
    public var installHint: String?
    /// Whether to pass cluster info in KUBERNETES_EXEC_INFO.
    public var provideClusterInfo: Bool?

    /// Creates an exec config.
    public init(apiVersion: String? = "client.authentication.k8s.io/v1", command: String, args: [String]? = nil, env: [EnvVar]? = nil) {
        self.apiVersion = apiVersion
        self.command = command
        self.args = args
        self.env = env
    }
}
