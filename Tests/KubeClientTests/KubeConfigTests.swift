import Foundation
import Testing
@testable import KubeClient

@Suite struct KubeConfigTests {
    let first = """
        apiVersion: v1
        kind: Config
        current-context: alpha
        clusters:
        - name: c1
          cluster:
            server: https://one.example:6443
            certificate-authority: ca.pem
        - name: shared
          cluster:
            server: https://first-wins.example
        users:
        - name: u1
          user:
            token: tok-1
        contexts:
        - name: alpha
          context: {cluster: c1, user: u1, namespace: ns-alpha}
        """
    let second = """
        current-context: beta
        clusters:
        - name: shared
          cluster:
            server: https://second-loses.example
            insecure-skip-tls-verify: true
        - name: c2
          cluster:
            server: https://two.example
            certificate-authority-data: \(Data("CA-PEM".utf8).base64EncodedString())
        users:
        - name: u2
          user:
            client-certificate-data: \(Data("CERT".utf8).base64EncodedString())
            client-key-data: \(Data("KEY".utf8).base64EncodedString())
        - name: u-exec
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: ./plugin.sh
              args: ["--x"]
              env: [{name: A, value: b}]
        contexts:
        - name: beta
          context: {cluster: c2, user: u2}
        - name: gamma
          context: {cluster: shared, user: u-exec, namespace: g}
        """

    @Test func mergesLikeKubectlFirstFileWins() throws {
        let folder = try makeTempFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(first, to: folder + "/one")
        try write(second, to: folder + "/two")
        try write("CA-FROM-FILE", to: folder + "/ca.pem")
        let environment = ["KUBECONFIG": "\(folder)/one:\(folder)/missing:\(folder)/two"]
        let paths = KubeConfigLoader.paths(explicit: nil, environment: environment)
        #expect(paths.count == 3)

        let current = try KubeConfigLoader.load(paths: paths, context: nil)
        #expect(current.contextName == "alpha")
        #expect(current.server == "https://one.example:6443")
        #expect(current.namespace == "ns-alpha")
        #expect(current.credentials == .token("tok-1"))
        #expect(current.certificateAuthorityPEM == Array("CA-FROM-FILE".utf8))

        let beta = try KubeConfigLoader.load(paths: paths, context: "beta")
        #expect(beta.server == "https://two.example")
        #expect(beta.namespace == "default")
        #expect(beta.certificateAuthorityPEM == Array("CA-PEM".utf8))
        #expect(beta.clientCertificatePEM == Array("CERT".utf8))
        #expect(beta.clientKeyPEM == Array("KEY".utf8))

        let gamma = try KubeConfigLoader.load(paths: paths, context: "gamma")
        #expect(gamma.server == "https://first-wins.example")
        #expect(gamma.insecureSkipTLSVerify == false)
        guard case .exec(let exec) = gamma.credentials else {
            Issue.record("expected exec credentials")
            return
        }
        #expect(exec.command == folder + "/./plugin.sh")
        #expect(exec.args == ["--x"])
        #expect(exec.env == [ExecConfig.EnvVar(name: "A", value: "b")])
    }

    @Test func explicitContextAndNamespaceOverride() throws {
        let folder = try makeTempFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(second, to: folder + "/config")
        let resolved = try ClientConfiguration.resolve(kubeconfig: folder + "/config", context: "gamma", namespace: "override", environment: [:])
        #expect(resolved.namespace == "override")
        #expect(resolved.contextName == "gamma")
        #expect(throws: KubeConfigError.self) {
            try ClientConfiguration.resolve(kubeconfig: folder + "/config", context: "nope", namespace: nil, environment: [:])
        }
    }

    @Test func inClusterConfigurationReadsServiceAccountFiles() throws {
        let folder = try makeTempFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("sa-token\n", to: folder + "/token")
        try write("CA", to: folder + "/ca.crt")
        try write("operators\n", to: folder + "/namespace")
        let environment = ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "443"]
        let configuration = try ClientConfiguration.inCluster(environment: environment, serviceAccountFolder: folder)
        #expect(configuration.server == "https://[fd00::1]:443")
        #expect(configuration.namespace == "operators")
        #expect(configuration.credentials == .tokenFile(folder + "/token"))
        #expect(configuration.certificateAuthorityPEM == Array("CA".utf8))
    }
}

@Suite struct RedactionTests {
    @Test func descriptionsNeverContainSecrets() {
        let configuration = ClientConfiguration(
            server: "https://k8s.example", clientCertificatePEM: Array("CERT".utf8), clientKeyPEM: Array("SECRET-KEY".utf8),
            credentials: .token("very-secret-token"))
        let text = "\(configuration)"
        #expect(!text.contains("very-secret-token"))
        #expect(!text.contains("SECRET-KEY"))
        #expect(text.contains("https://k8s.example"))
        #expect(!"\(CredentialSource.basic(username: "u", password: "hunter2"))".contains("hunter2"))
    }
}

@Suite struct ServerAddressTests {
    @Test func tlsServerNameDialsTheConfiguredHost() {
        let plain = ServerAddress(server: "https://10.0.0.1:6443", tlsServerName: nil)
        #expect(plain.requestBase == "https://10.0.0.1:6443")
        #expect(plain.connectTo == nil)
        let named = ServerAddress(server: "https://10.0.0.1:6443", tlsServerName: "kubernetes.default")
        #expect(named.requestBase == "https://kubernetes.default:6443")
        #expect(named.connectTo == "kubernetes.default:6443:10.0.0.1:6443")
        let defaultPort = ServerAddress(server: "https://[fd00::1]", tlsServerName: "api")
        #expect(defaultPort.connectTo == "api:443:[fd00::1]:443")
    }

    @Test func kubeconfigCarriesProxyAndServerName() throws {
        let yaml = """
            current-context: c
            clusters: [{name: k, cluster: {server: "https://1.2.3.4", tls-server-name: api.internal, proxy-url: "http://proxy:3128"}}]
            contexts: [{name: c, context: {cluster: k}}]
            """
        let configuration = try KubeConfigLoader.resolve(KubeConfigFile.parse(yaml: yaml), context: nil)
        #expect(configuration.tlsServerName == "api.internal")
        #expect(configuration.proxyURL == "http://proxy:3128")
    }

    @Test func yamlMergeKeysStillMerge() throws {
        let yaml = """
            current-context: c
            clusters:
            - name: k
              cluster: &base {server: "https://1.2.3.4", insecure-skip-tls-verify: true}
            - name: k2
              cluster:
                <<: *base
                server: "https://5.6.7.8"
            contexts: [{name: c, context: {cluster: k2, namespace: team}}]
            """
        #expect(KubeConfigFile.containsMergeMarker(yaml))
        let configuration = try KubeConfigLoader.resolve(KubeConfigFile.parse(yaml: yaml), context: nil)
        #expect(configuration.server == "https://5.6.7.8")
        #expect(configuration.insecureSkipTLSVerify)
        #expect(configuration.namespace == "team")
    }

    @Test func mergeMarkerNeedsTwoAdjacentAngleBrackets() {
        #expect(!KubeConfigFile.containsMergeMarker("a: <b\nc: d<"))
        #expect(!KubeConfigFile.containsMergeMarker(""))
        #expect(KubeConfigFile.containsMergeMarker("x: 1\n<<: *y"))
    }
}
