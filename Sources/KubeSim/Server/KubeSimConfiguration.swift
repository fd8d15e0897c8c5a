import Foundation

/// Settings of an embedded or stand-alone KubeSim server.
public struct KubeSimConfiguration: Sendable {
    /// `host:port` to bind; port 0 picks a free port. Only loopback hosts are accepted.
    public var listen: String
    /// Serve HTTPS with a generated CA.
    public var tls: Bool
    /// Directory for persistence; nil keeps everything in memory.
    public var dataDirectory: String?
    /// Bearer token; generated when nil.
    public var token: String?
    /// Reject requests without the bearer token (the CLI turns this on).
    public var requireToken: Bool
    /// Clock used for timestamps and CronJob schedules.
    public var clock: any KubeSimClock
    /// Number of change events retained for watch resumption.
    public var historyLimit: Int
    /// Simulated controllers.
    public var simulation: SimulationSettings
    /// Interval of BOOKMARK events on watches with `allowWatchBookmarks=true`.
    public var bookmarkInterval: Duration
    /// Extra bearer tokens (token → user name) accepted besides `token`; requests are logged under that user.
    public var users: [String: String]
    /// Maximum number of entries the request log keeps (older ones are dropped and counted).
    public var requestLogLimit: Int
    /// The IPv4 range Service cluster IPs are allocated from (`A.B.C.D/N`, kube-apiserver's
    /// `--service-cluster-ip-range`); `filewallball dev` uses `127.20.0.0/16`.
    public var serviceCIDR: String
    /// Serves `GET …/pods/NAME/log` (the kubelet's part of `kubectl logs`); nil answers like a cluster
    /// whose kubelet cannot be reached (see docs/kubesim.md, "Pod logs").
    public var podLogs: PodLogProvider?

    /// Creates a configuration.
    public init(listen: String = "127.0.0.1:0", tls: Bool = false, dataDirectory: String? = nil, token: String? = nil,
        requireToken: Bool = false, clock: any KubeSimClock = SystemKubeSimClock(), historyLimit: Int = 100_000,
        simulation: SimulationSettings = SimulationSettings(), bookmarkInterval: Duration = .seconds(60),
        users: [String: String] = [:], requestLogLimit: Int = 100_000, serviceCIDR: String = "10.96.0.0/12",
        podLogs: PodLogProvider? = nil)
    {
        self.serviceCIDR = serviceCIDR
        self.podLogs = podLogs
        self.users = users
        self.requestLogLimit = requestLogLimit
        self.bookmarkInterval = bookmarkInterval
        self.listen = listen
        self.tls = tls
        self.dataDirectory = dataDirectory
        self.token = token
        self.requireToken = requireToken
        self.clock = clock
        self.historyLimit = historyLimit
        self.simulation = simulation
    }
}

/// Errors raised while starting or running KubeSim.
public struct KubeSimError: Error, Sendable, CustomStringConvertible {
    /// Stable machine code.
    public let code: String
    /// Human readable message.
    public let message: String
    /// Description.
    public var description: String { "\(code): \(message)" }

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
