import Foundation
import KubeClient
import Logging

/// The directories of one `filewallball dev` data directory that the runtime uses.
public struct DevLayout: Sendable {
    /// The data directory itself.
    public var root: String
    /// Create it at `root`.
    public init(root: String) { self.root = root }
    /// PersistentVolumes: `volumes/<pv name>`.
    public var volumes: String { "\(root)/volumes" }
    /// Each Pod's own files (logs, emptyDirs, Secret files, termination messages): `pods/<ns>_<name>_<uid>`.
    public var pods: String { "\(root)/pods" }
    /// Hosts files, one per namespace: `hosts/<ns>.hosts`.
    public var hosts: String { "\(root)/hosts" }
    /// Files the runtime provides to containers (the MariaDB healthcheck stand-in).
    public var runtime: String { "\(root)/runtime" }
    /// The API server's state.
    public var apiServer: String { "\(root)/kubesim" }

    /// The directory of one Pod.
    public func pod(namespace: String, name: String, uid: String) -> String { "\(pods)/\(namespace)_\(name)_\(uid)" }
    /// The hosts file of a namespace.
    public func hostsFile(namespace: String) -> String { "\(hosts)/\(namespace).hosts" }
    /// The output of one container of a Pod: the current run, or with `previous` the run before it.
    public func containerLog(namespace: String, name: String, uid: String, container: String, previous: Bool) -> String {
        "\(pod(namespace: namespace, name: name, uid: uid))/logs/\(container)\(previous ? ".previous" : "").log"
    }
}

/// Timing of the local kubelet.
public struct KubeletSettings: Sendable {
    /// First wait before restarting a crashed container (the kubelet uses 10 s).
    public var restartBackoff: Duration = .seconds(2)
    /// Longest wait between restarts (the kubelet uses 300 s).
    public var maxRestartBackoff: Duration = .seconds(60)
    /// Longest grace period when stopping (a Pod's `terminationGracePeriodSeconds` is honoured up to this).
    public var maxGracePeriod: Duration = .seconds(30)
    /// Wait before retrying a container whose configuration or image is missing.
    public var configRetry: Duration = .seconds(3)
    /// Creates the defaults.
    public init() {}
}

/// What every Pod worker shares.
struct KubeletContext: Sendable {
    var client: KubeClient
    var catalog: ImageCatalog
    var layout: DevLayout
    var settings: KubeletSettings
    var bubblewrap: String
    /// Secrets and ConfigMaps of a namespace, decoded.
    var sources: @Sendable (String) -> ConfigSources
    /// Claim (namespace, name) → nil when missing, .some(nil) while unbound, the PV name when bound.
    var claim: @Sendable (String, String) -> String??
    /// The current hosts file of a namespace (written now if missing), nil when it cannot be written.
    var hostsFile: @Sendable (String) -> String?
    var logger: Logger

    /// The kubelet's field manager for Pod status.
    static let fieldManager = "filewallball-dev-kubelet"
}
