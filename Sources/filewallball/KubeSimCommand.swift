import ArgumentParser
import Foundation
import KubeSim
import Logging
import ProcessSupport

/// `filewallball kubesim`: runs the Kubernetes API emulator in the foreground.
struct KubeSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubesim",
        abstract: "Run KubeSim, a loopback Kubernetes API emulator for development and tests.")

    @Option(name: .long, help: "Address to listen on (loopback only), e.g. 127.0.0.1:6443.")
    var listen: String

    @Option(name: .long, help: "Where to write the kubeconfig once the server is ready.")
    var kubeconfig: String

    @Option(name: .customLong("data-dir"), help: "Persist the cluster state in this directory.")
    var dataDir: String?

    @Flag(name: .long, help: "Serve HTTPS with a generated CA (written into the kubeconfig).")
    var tls = false

    @Option(name: .customLong("user"), help: "An extra bearer token and the user it authenticates as, NAME=TOKEN (repeatable); requests are logged under NAME.")
    var users: [String] = []

    @Option(name: .customLong("request-log-limit"), help: "Entries kept in the request log (GET /kubesim/requests).")
    var requestLogLimit = 100_000

    @Option(name: .customLong("ready-delay-ms"), help: "Milliseconds before a simulated Deployment or StatefulSet is reported ready, a Job finishes, and a PVC is bound (0: at once).")
    var readyDelayMilliseconds = 300

    @Option(name: .customLong("service-cidr"), help: "IPv4 range Service cluster IPs are allocated from (kube-apiserver's --service-cluster-ip-range).")
    var serviceCIDR = "10.96.0.0/12"

    @Option(name: .customLong("pod-logs-dir"), help: "Serve `kubectl logs` from DIR/NAMESPACE/POD/CONTAINER.log (and CONTAINER.previous.log); without it pod logs answer like a cluster whose kubelet cannot be reached.")
    var podLogsDir: String?

    @OptionGroup(title: "Logging")
    var logging: LoggingOptions

    func validate() throws {
        guard (0...600_000).contains(readyDelayMilliseconds) else { throw ValidationError("--ready-delay-ms must be between 0 and 600000") }
    }

    func run() async throws {
        try ProcessBootstrap.bootstrap(logging)
        let logger = Logger(label: "kubesim")
        var tokens: [String: String] = [:]
        for entry in users {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--user must be NAME=TOKEN, got \(entry)")
            }
            tokens[parts[1]] = parts[0]
        }
        let delay = Duration.milliseconds(readyDelayMilliseconds)
        let simulation = SimulationSettings(deploymentReadyDelay: delay, jobCompletionDelay: delay, volumeBindDelay: delay)
        let server = try await KubeSimServer.start(
            configuration: KubeSimConfiguration(listen: listen, tls: tls, dataDirectory: dataDir, requireToken: tls, simulation: simulation, users: tokens,
                requestLogLimit: requestLogLimit, serviceCIDR: serviceCIDR, podLogs: podLogsDir.map { PodLogFiles(directory: $0).provider }),
            logger: logger)
        let signals = ShutdownSignals()
        try server.writeKubeconfig(to: kubeconfig)
        logger.info("kubeconfig written", metadata: ["path": "\(kubeconfig)", "server": "\(server.baseURL)"])
        await signals.wait()
        logger.info("shutting down")
        await server.shutdown()
    }
}
