import ArgumentParser
import ControllerCLI
import DevRuntime
import FileWallBallAPI
import Foundation
import KubeClient
import KubeSim
import Logging
import ProcessSupport
import Yams

/// `filewallball dev`: the whole product on one machine, driven only by kubectl. An embedded KubeSim
/// (state persisted under the data directory), the CRDs, the controller through its in-cluster code path
/// (kubeconfig, informers, leader election), and the local runtime that runs the controller's MariaDB,
/// Redis and file-service Pods as real processes. Ctrl-C stops everything it started; a second run on the
/// same data directory resumes the same cluster with its data.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Run FileWallBall on this machine: a Kubernetes API, the operator and real MariaDB, Redis and file-service processes.")

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Where the cluster's state and volumes live.", valueName: "DIR"))
    var dataDirectory = ".dev"

    @Option(name: .long, help: ArgumentHelp("Where to write the admin kubeconfig once everything is ready (default DIR/kubeconfig).", valueName: "PATH"))
    var kubeconfig: String?

    @Option(name: .long, help: ArgumentHelp("Address of the Kubernetes API (loopback only).", valueName: "HOST:PORT"))
    var listen = "127.0.0.1:0"

    @Flag(name: .customLong("apply-samples"), help: "Also apply k8s/samples/cluster.yaml (into the default namespace).")
    var applySamples = false

    @Option(name: .customLong("samples-dir"), help: ArgumentHelp("Where the samples are (default: k8s/samples here, or next to the executable's checkout).", valueName: "DIR"))
    var samplesDirectory: String?

    @OptionGroup(title: "Logging")
    var logging: LoggingOptions

    func run() async throws {
        let process = try ProcessBootstrap.bootstrap(logging, defaultLevel: .warning)
        _ = process
        let logger = Logger(label: "filewallball.dev")
        let started = ContinuousClock.now
        guard let bubblewrap = DevEnvironment.locate("bwrap") else {
            throw CLIFailure.exit("filewallball dev: bubblewrap (bwrap) is not installed: run bash hack/install-deps.sh", code: 3)
        }
        let layout = DevLayout(root: DevEnvironment.absolute(dataDirectory))
        try FileManager.default.createDirectory(atPath: layout.root, withIntermediateDirectories: true)
        let kubeconfigPath = DevEnvironment.absolute(kubeconfig ?? "\(layout.root)/kubeconfig")

        let tokens = DevTokens()
        let server = try await KubeSimServer.start(configuration: DevEnvironment.apiServerConfiguration(
            listen: listen, layout: layout, tokens: tokens), logger: logger)
        let runtimeClient = KubeClient(configuration: try DevEnvironment.clientConfiguration(server, token: tokens.runtime), logger: logger)
        let adminClient = KubeClient(configuration: try DevEnvironment.clientConfiguration(server, token: server.token), logger: logger)

        let binary = DevEnvironment.executablePath()
        let runtime = LocalRuntime(client: runtimeClient, layout: layout, catalog: ImageCatalog(fileWallBallBinary: binary),
                                   bubblewrap: bubblewrap, logger: logger)
        let runtimeTask = Task { await runtime.run() }

        do {
            try await DevManifests.installCRDs(adminClient)
        } catch {
            runtimeTask.cancel()
            await runtimeTask.value
            await server.shutdown()
            throw CLIFailure.exit("filewallball dev: cannot install the CRDs: \(error)", code: 1)
        }
        // A resumed cluster's Pods first show this run's (not ready) status, so neither the controller nor
        // a user reads the previous run's readiness.
        await runtime.kubelet.waitUntilResumed()
        let controllerKubeconfig = "\(layout.root)/controller.kubeconfig"
        try DevEnvironment.writePrivate(server.kubeconfigYAML.replacingOccurrences(of: server.token, with: tokens.controller), to: controllerKubeconfig)
        let controller = try ControllerCommand.parse([
            "--kubeconfig", controllerKubeconfig, "--leader-elect", "--leader-election-namespace", "default",
            "--health-listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0",
        ])
        let controllerTask = Task {
            do { try await controller.run() } catch { logger.error("controller ended", metadata: ["error": "\(error)"]) }
        }

        if applySamples {
            do {
                let directory = try DevManifests.samplesDirectory(samplesDirectory, binary: binary)
                try await DevManifests.apply(file: "\(directory)/cluster.yaml", client: adminClient, namespace: "default")
            } catch {
                FileHandle.standardError.write(Data("filewallball dev: cannot apply the sample cluster: \(error)\n".utf8))
            }
        }
        try DevEnvironment.writePrivate(server.kubeconfigYAML, to: kubeconfigPath)
        DevEnvironment.say(DevEnvironment.banner(kubeconfig: kubeconfigPath, server: server.baseURL, samples: applySamples, dataDirectory: layout.root))
        let readiness = applySamples ? Task { await DevManifests.reportWhenReady(adminClient, cluster: "files", namespace: "default", since: started) } : nil

        let signals = ShutdownSignals()
        await signals.wait()
        DevEnvironment.say("filewallball dev: stopping (controller, processes, API server)")
        readiness?.cancel()
        controllerTask.cancel()
        await controllerTask.value
        runtimeTask.cancel()
        await runtimeTask.value
        await server.shutdown()
        signals.stop()
        DevEnvironment.say("filewallball dev: stopped; state kept in \(layout.root)")
    }
}
