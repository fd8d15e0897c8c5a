import Foundation

/// Renders and writes kubeconfig files for a running server.
enum Kubeconfig {
    /// The kubeconfig YAML.
    static func render(server: String, token: String, caPEM: String?) -> String {
        var cluster = "    server: \(server)\n"
        if let caPEM {
            cluster += "    certificate-authority-data: \(Data(caPEM.utf8).base64EncodedString())\n"
        }
        return """
            apiVersion: v1
            kind: Config
            clusters:
            - name: kubesim
              cluster:
            \(cluster)users:
            - name: kubesim-admin
              user:
                token: \(token)
            contexts:
            - name: kubesim
              context:
                cluster: kubesim
                user: kubesim-admin
                namespace: default
            current-context: kubesim
            preferences: {}

            """
    }

    /// Writes atomically (temp file in the same directory, then rename), mode 0600.
    static func write(_ text: String, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        let temp = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temp, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw KubeSimError(code: "kubeconfig_write_failed", message: "cannot write \(temp)")
        }
        if rename(temp, path) != 0 {
            throw KubeSimError(code: "kubeconfig_write_failed", message: "rename to \(path) failed: errno \(errno)")
        }
    }
}
