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

    @OptionGroup(title: "Logging")
    var logging: LoggingOptions

    func run() async throws {
        try ProcessBootstrap.bootstrap(logging)
        let logger = Logger(label: "kubesim")
        let server = try await KubeSimServer.start(
            configuration: KubeSimConfiguration(listen: listen, tls: tls, dataDirectory: dataDir, requireToken: tls),
            logger: logger)
        let signals = ShutdownSignals()
        try server.writeKubeconfig(to: kubeconfig)
        logger.info("kubeconfig written", metadata: ["path": "\(kubeconfig)", "server": "\(server.baseURL)"])
        await signals.wait()
        logger.info("shutting down")
        await server.shutdown()
    }
}
