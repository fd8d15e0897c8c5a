import Foundation
import Yams

/// The parsed contents of one kubeconfig file (the fields this client uses).
public struct KubeConfigFile: Sendable, Codable, Equatable {
    /// A named cluster entry.
    public struct NamedCluster: Sendable, Codable, Equatable {
        /// Entry name.
        public var name: String
        /// Cluster settings.
        public var cluster: Cluster
    }

    /// How to reach and trust an API server.
    public struct Cluster: Sendable, Codable, Equatable {
        /// Base URL of the API server.
        public var server: String?
        /// Path to a PEM CA bundle.
        public var certificateAuthority: String?
        /// Base64 PEM CA bundle.
        public var certificateAuthorityData: String?
        /// Skip server certificate verification.
        public var insecureSkipTLSVerify: Bool?
        /// Server name for SNI / verification.
        public var tlsServerName: String?
        /// Proxy for this cluster (http, https or socks5 URL).
        public var proxyURL: String?

        enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
            case tlsServerName = "tls-server-name"
            case proxyURL = "proxy-url"
        }
    }

    /// A named user entry.
    public struct NamedUser: Sendable, Codable, Equatable {
        /// Entry name.
        public var name: String
        /// Credentials.
        public var user: User
    }

    /// Credentials for one user.
    public struct User: Sendable, Codable, Equatable {
        /// Static bearer token.
        public var token: String?
        /// File holding a bearer token (re-read on change).
        public var tokenFile: String?
        /// Path to a PEM client certificate.
        public var clientCertificate: String?
        /// Base64 PEM client certificate.
        public var clientCertificateData: String?
        /// Path to a PEM client key.
        public var clientKey: String?
        /// Base64 PEM client key.
        public var clientKeyData: String?
        /// Basic-auth user name.
        public var username: String?
        /// Basic-auth password.
        public var password: String?
        /// Exec credential plugin.
        public var exec: ExecConfig?

        enum CodingKeys: String, CodingKey {
            case token, tokenFile, username, password, exec
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
        }
    }

    /// A named context entry.
    public struct NamedContext: Sendable, Codable, Equatable {
        /// Entry name.
        public var name: String
        /// Context settings.
        public var context: Context
    }

    /// A (cluster, user, namespace) triple.
    public struct Context: Sendable, Codable, Equatable {
        /// Cluster entry name.
        public var cluster: String
        /// User entry name.
        public var user: String?
        /// Default namespace.
        public var namespace: String?
    }

    /// Cluster entries.
    public var clusters: [NamedCluster]?
    /// User entries.
    public var users: [NamedUser]?
    /// Context entries.
    public var contexts: [NamedContext]?
    /// The selected context name.
    public var currentContext: String?

    enum CodingKeys: String, CodingKey {
        case clusters, users, contexts
        case currentContext = "current-context"
    }

    /// Parses kubeconfig YAML.
    public static func parse(yaml: String) throws -> KubeConfigFile {
        do {
            if yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return KubeConfigFile() }
            // YAMLDecoder's own parser always resolves merge keys (`<<`) with an NSRegularExpression, which
            // brings up ICU and costs an idle controller about a megabyte of resident memory. Without a
            // literal "<<" in the text no merge key can exist, so the basic resolver gives the same result.
            let resolver: Resolver = containsMergeMarker(yaml) ? Resolver.basic.appending(.merge) : .basic
            let parser = try Parser(yaml: yaml, resolver: resolver)
            return try withExtendedLifetime(parser) {
                try YAMLDecoder().decode(KubeConfigFile.self, from: parser.singleRoot() ?? "")
            }
        } catch {
            throw KubeConfigError(code: "kubeconfig_invalid_yaml", detail: String(describing: error))
        }
    }

    /// True when `yaml` contains the two bytes `<<` anywhere (a YAML merge key needs them).
    static func containsMergeMarker(_ yaml: String) -> Bool {
        var previous: UInt8 = 0
        for byte in yaml.utf8 {
            if byte == UInt8(ascii: "<"), previous == UInt8(ascii: "<") { return true }
            previous = byte
        }
        return false
    }

    /// Reads a kubeconfig file, making relative file references absolute against its folder.
    public static func load(path: String) throws -> KubeConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KubeConfigError(code: "kubeconfig_unreadable", detail: path)
        }
        var file = try parse(yaml: String(decoding: data, as: UTF8.self))
        let folder = (path as NSString).deletingLastPathComponent
        file.resolvePaths(relativeTo: folder)
        return file
    }

    mutating func resolvePaths(relativeTo folder: String) {
        func absolute(_ path: String?) -> String? {
            guard let path, !path.isEmpty, !path.hasPrefix("/") else { return path }
            return (folder as NSString).appendingPathComponent(path)
        }
        clusters = clusters?.map { entry in
            var entry = entry
            entry.cluster.certificateAuthority = absolute(entry.cluster.certificateAuthority)
            return entry
        }
        users = users?.map { entry in
            var entry = entry
            entry.user.tokenFile = absolute(entry.user.tokenFile)
            entry.user.clientCertificate = absolute(entry.user.clientCertificate)
            entry.user.clientKey = absolute(entry.user.clientKey)
            if var exec = entry.user.exec, exec.command.contains("/") {
                exec.command = absolute(exec.command) ?? exec.command
                entry.user.exec = exec
            }
            return entry
        }
    }

    /// Merges files the way kubectl does: the first file to define a name or the current context wins.
    public static func merge(_ files: [KubeConfigFile]) -> KubeConfigFile {
        var merged = KubeConfigFile(clusters: [], users: [], contexts: [], currentContext: nil)
        var clusterNames = Set<String>(), userNames = Set<String>(), contextNames = Set<String>()
        for file in files {
            if merged.currentContext == nil, let current = file.currentContext, !current.isEmpty {
                merged.currentContext = current
            }
            for entry in file.clusters ?? [] where clusterNames.insert(entry.name).inserted {
                merged.clusters?.append(entry)
            }
            for entry in file.users ?? [] where userNames.insert(entry.name).inserted {
                merged.users?.append(entry)
            }
            for entry in file.contexts ?? [] where contextNames.insert(entry.name).inserted {
                merged.contexts?.append(entry)
            }
        }
        return merged
    }
}
