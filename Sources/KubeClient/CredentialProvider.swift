import Foundation
import Synchronization

/// What a request must carry to authenticate: an Authorization header and/or a client certificate.
struct RequestCredentials: Sendable {
    var authorization: String?
    var clientCertificatePEM: [UInt8]?
    var clientKeyPEM: [UInt8]?
}

/// Produces credentials per request: re-reads token files when they change and caches exec plugin output
/// until its expirationTimestamp.
final class CredentialProvider: Sendable {
    private struct TokenFileCache {
        var modified: Date?
        var size: Int?
        var token: String?
    }
    private struct ExecCache {
        var credential: ExecCredential?
        /// The plugin run in progress, shared by every request that needs it (no thundering herd).
        var inFlight: Task<ExecCredential, any Error>?
        var generation = 0
    }

    let source: CredentialSource
    let cluster: ExecPluginRunner.ClusterInfo
    let clock: any KubeClock
    private let tokenFile = Mutex(TokenFileCache())
    private let execCache = Mutex(ExecCache())
    private let execRunner: ExecPluginRunner

    init(source: CredentialSource, cluster: ExecPluginRunner.ClusterInfo, clock: any KubeClock, execTimeout: Duration = .seconds(60)) {
        self.source = source
        self.cluster = cluster
        self.clock = clock
        self.execRunner = ExecPluginRunner(timeout: execTimeout)
    }

    /// Credentials for the next request.
    func current() async throws -> RequestCredentials {
        switch source {
        case .none: return RequestCredentials()
        case .token(let token): return RequestCredentials(authorization: "Bearer \(token)")
        case .basic(let username, let password):
            let encoded = Data("\(username):\(password)".utf8).base64EncodedString()
            return RequestCredentials(authorization: "Basic \(encoded)")
        case .tokenFile(let path): return RequestCredentials(authorization: try readTokenFile(path).map { "Bearer \($0)" })
        case .exec(let config):
            let credential = try await execCredential(config)
            return RequestCredentials(
                authorization: credential.token.map { "Bearer \($0)" },
                clientCertificatePEM: credential.clientCertificatePEM, clientKeyPEM: credential.clientKeyPEM)
        }
    }

    /// Drops cached exec output (called after a 401 so the plugin runs again).
    func invalidate() {
        execCache.withLock { cache in
            cache.credential = nil
            cache.inFlight = nil
            cache.generation += 1
        }
        tokenFile.withLock { $0 = TokenFileCache() }
    }

    /// True when a 401 may be fixed by refreshing.
    var isRefreshable: Bool {
        switch source {
        case .exec, .tokenFile: return true
        default: return false
        }
    }

    private func readTokenFile(_ path: String) throws -> String? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let modified = attributes?[.modificationDate] as? Date
        let size = (attributes?[.size] as? NSNumber)?.intValue
        if let cached = tokenFile.withLock({ cache -> String? in
            cache.modified == modified && cache.size == size ? cache.token : nil
        }) {
            return cached
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KubeConfigError(code: "token_file_unreadable", detail: path)
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        tokenFile.withLock { $0 = TokenFileCache(modified: modified, size: size, token: token) }
        return token
    }

    private func execCredential(_ config: ExecConfig) async throws -> ExecCredential {
        let now = clock.wallNow
        let (cached, running, generation) = execCache.withLock { cache -> (ExecCredential?, Task<ExecCredential, any Error>, Int) in
            if let credential = cache.credential, !credential.isExpired(at: now) {
                return (credential, Task { credential }, cache.generation)
            }
            if let inFlight = cache.inFlight { return (nil, inFlight, cache.generation) }
            let runner = execRunner
            let cluster = cluster
            let task = Task { try await runner.run(config, cluster: cluster) }
            cache.inFlight = task
            return (nil, task, cache.generation)
        }
        if let cached { return cached }
        do {
            let credential = try await running.value
            execCache.withLock { cache in
                guard cache.generation == generation else { return }
                cache.credential = credential
                cache.inFlight = nil
            }
            return credential
        } catch {
            execCache.withLock { cache in
                if cache.generation == generation { cache.inFlight = nil }
            }
            throw error
        }
    }
}
