import DevRuntime
import Foundation
import KubeClient
import KubeSim

/// Set-up helpers of `filewallball dev`: paths, the API server's configuration, kubeconfigs, the banner.
enum DevEnvironment {
    /// The users the API server knows besides the admin.
    static let controllerUser = "filewallball-controller"
    static let runtimeUser = "filewallball-dev-runtime"

    /// One message to stdout, written at once (stdout may be a file or a pipe, which would buffer it).
    static func say(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// `path` made absolute against the working directory.
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// A program on PATH (or the usual system directories).
    static func locate(_ program: String) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/sbin", "/bin"]
        return path.map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// This executable's absolute path.
    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? absolute(CommandLine.arguments[0])
    }

    /// KubeSim for dev: TLS with tokens, state under DIR/kubesim, Service addresses from the loopback range
    /// the local kube-proxy listens on, `kubectl logs` from the kubelet's files, and none of its own workload simulation
    /// (Deployments, StatefulSets and Jobs get their Pods and status from the local runtime); CronJobs
    /// still create Jobs and claims are still bound (control-plane work), at once.
    static func apiServerConfiguration(listen: String, layout: DevLayout, tokens: DevTokens) -> KubeSimConfiguration {
        let simulation = SimulationSettings(deployments: false, deploymentReadyDelay: .zero, jobs: false, jobCompletionDelay: .zero,
                                            cronJobs: true, statefulSets: false, volumeBinding: true, volumeBindDelay: .zero)
        // `kubectl logs` reads the files the local kubelet writes (the API server asks "the kubelet" for them).
        let logs = PodLogFiles { request in
            layout.containerLog(namespace: request.namespace, name: request.podName, uid: request.pod[path: ["metadata", "uid"]]?.stringValue ?? "",
                                container: request.container, previous: request.previous)
        }
        return KubeSimConfiguration(listen: listen, tls: true, dataDirectory: layout.apiServer, requireToken: true, simulation: simulation,
                                    users: [tokens.controller: controllerUser, tokens.runtime: runtimeUser],
                                    serviceCIDR: DevNetwork.serviceCIDR, podLogs: logs.provider)
    }

    /// A client configuration for the running server with `token`.
    static func clientConfiguration(_ server: KubeSimServer, token: String) throws -> ClientConfiguration {
        let yaml = server.kubeconfigYAML.replacingOccurrences(of: server.token, with: token)
        return try KubeConfigLoader.resolve(try KubeConfigFile.parse(yaml: yaml), context: nil)
    }

    /// Writes `text` to `path` with mode 0600 (atomically).
    static func writePrivate(_ text: String, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = "\(path).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
        guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// What to do next.
    static func banner(kubeconfig: String, server: String, samples: Bool, dataDirectory: String) -> String {
        var lines = [
            "filewallball dev is running: Kubernetes API at \(server), state in \(dataDirectory)",
            "",
            "  export KUBECONFIG=\(kubeconfig)",
            "  kubectl get filewallball                       # clusters, backup policies, restore requests",
        ]
        if samples {
            lines += [
                "  kubectl wait --for=condition=Ready fwb/files --timeout=120s",
                "  kubectl get svc files-api                      # the file API: http://CLUSTER-IP:8080 (answers from this machine)",
                "  kubectl get secret files-admin -o jsonpath='{.data.password}' | base64 -d   # the admin password (user admin)",
            ]
        } else {
            lines.append("  kubectl apply -f k8s/samples/cluster.yaml      # a FileWallBallCluster")
        }
        lines += ["  kubectl get pods                               # real local processes", "", "Ctrl-C stops everything; run it again to resume with the same data."]
        return lines.joined(separator: "\n")
    }
}
