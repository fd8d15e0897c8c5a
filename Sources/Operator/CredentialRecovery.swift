import KubeClient

/// Reads a cluster's passwords back from its Secrets, so a password is generated once and never again
/// while its Secret exists.
///
/// Each password is looked for in its own key first, then in a key that embeds it (a URL, `auth.conf`),
/// so a deleted key is repaired with the value the database and cache already use. Only a password
/// found nowhere is taken from `fresh`, and named in `regenerated` (the reconciler warns with an Event).
public enum CredentialRecovery {
    /// The credentials to build the Secrets with, and which passwords had to be generated.
    public struct Outcome: Sendable, Equatable {
        /// The values to use.
        public var credentials: GeneratedCredentials
        /// `Secret/key` of every password that was not found (empty in steady state).
        public var regenerated: [String]
    }

    /// Recovers what the three Secrets hold (nil for a Secret that does not exist), filling gaps from `fresh`.
    public static func recover(database: Secret?, cache: Secret?, admin: Secret?, names: ClusterNames, fresh: GeneratedCredentials) -> Outcome {
        var regenerated: [String] = []
        func pick(_ candidates: String?..., generated: String, label: String) -> String {
            for candidate in candidates { if let candidate, !candidate.isEmpty { return candidate } }
            regenerated.append(label)
            return generated
        }
        let databaseData = text(database)
        let cacheData = text(cache)
        let adminData = text(admin)
        let credentials = GeneratedCredentials(
            databaseRootPassword: pick(databaseData["root-password"], urlPassword(databaseData["root-url"]),
                                       generated: fresh.databaseRootPassword, label: "\(names.databaseSecret)/root-password"),
            databasePassword: pick(databaseData["password"], urlPassword(databaseData["url"]),
                                   generated: fresh.databasePassword, label: "\(names.databaseSecret)/password"),
            cachePassword: pick(cacheData["password"], urlPassword(cacheData["url"]), requirepass(cacheData[CacheFiles.authKey]),
                                generated: fresh.cachePassword, label: "\(names.cacheSecret)/password"),
            adminPassword: pick(adminData["password"], generated: fresh.adminPassword, label: "\(names.adminSecret)/password"))
        return Outcome(credentials: credentials, regenerated: regenerated)
    }

    /// A Secret's values as UTF-8 text (values that are not text are left out).
    static func text(_ secret: Secret?) -> [String: String] {
        (secret?.data ?? [:]).compactMapValues { String(validating: $0, as: UTF8.self) }
    }

    /// The password of `scheme://user:password@host...` (nil when there is none).
    static func urlPassword(_ url: String?) -> String? {
        guard let url, let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        guard let at = rest.lastIndex(of: "@") else { return nil }
        let userInfo = rest[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return nil }
        let password = userInfo[userInfo.index(after: colon)...]
        return password.isEmpty ? nil : String(password)
    }

    /// The value of a `requirepass VALUE` line.
    static func requirepass(_ text: String?) -> String? {
        guard let text else { return nil }
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ", maxSplits: 1)
            if words.count == 2, words[0] == "requirepass" { return String(words[1]) }
        }
        return nil
    }
}
