import Foundation

/// Parses `mariadb://USER:PASSWORD@HOST:PORT/DATABASE?options` into a configuration.
enum MariaDBURLParser {
    static func parse(_ url: String) throws -> MariaDBConfiguration {
        var rest = Substring(url)
        var matchedScheme = false
        for scheme in ["mariadb://", "mysql://"] where rest.lowercased().hasPrefix(scheme) {
            rest = rest.dropFirst(scheme.count)
            matchedScheme = true
            break
        }
        guard matchedScheme else { throw invalid("scheme must be mariadb://") }

        var query: Substring = ""
        if let questionMark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: questionMark)...]
            rest = rest[..<questionMark]
        }
        guard let at = rest.lastIndex(of: "@") else { throw invalid("missing USER:PASSWORD@") }
        let userInfo = rest[..<at]
        var hostAndPath = rest[rest.index(after: at)...]

        let user: String
        var password = ""
        if let colon = userInfo.firstIndex(of: ":") {
            user = try decode(userInfo[..<colon], "user")
            password = try decode(userInfo[userInfo.index(after: colon)...], "password")
        } else {
            user = try decode(userInfo, "user")
        }
        guard !user.isEmpty else { throw invalid("empty user") }

        var database = ""
        if let slash = hostAndPath.firstIndex(of: "/") {
            database = try decode(hostAndPath[hostAndPath.index(after: slash)...], "database")
            hostAndPath = hostAndPath[..<slash]
        }
        let (host, port) = try parseHostPort(hostAndPath)
        var configuration = MariaDBConfiguration(host: host, port: port, user: user, password: password, database: database)
        try applyOptions(query, to: &configuration)
        return configuration
    }

    private static func parseHostPort(_ text: Substring) throws -> (String, Int) {
        var hostPart = text
        var portPart: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw invalid("unterminated IPv6 host") }
            hostPart = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") { portPart = after.dropFirst() } else if !after.isEmpty { throw invalid("bad host") }
        } else if let colon = text.lastIndex(of: ":") {
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        }
        let host = try decode(hostPart, "host")
        guard !host.isEmpty else { throw invalid("empty host") }
        var port = 3306
        if let portPart {
            guard let parsed = Int(portPart), (1...65535).contains(parsed) else { throw invalid("bad port") }
            port = parsed
        }
        return (host, port)
    }

    private static func applyOptions(_ query: Substring, to configuration: inout MariaDBConfiguration) throws {
        var tlsMode = "disabled"
        var caPath: String?
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try decode(parts[0], "option name").lowercased()
            let value = parts.count > 1 ? try decode(parts[1], "option value") : ""
            switch key {
            case "tls", "ssl", "ssl_mode", "sslmode": tlsMode = value.lowercased()
            case "ssl_ca", "tls_ca", "ca": caPath = value
            case "connect_timeout": configuration.connectTimeout = try seconds(value, key)
            case "read_timeout": configuration.readTimeout = try seconds(value, key)
            case "write_timeout": configuration.writeTimeout = try seconds(value, key)
            default: throw invalid("unknown option \(key)")
            }
        }
        switch tlsMode.replacingOccurrences(of: "-", with: "_") {
        case "disabled", "disable", "false", "0", "off": configuration.tls = .disabled
        case "preferred", "prefer": configuration.tls = .preferred
        case "required", "require", "true", "1", "on": configuration.tls = .required
        case "verify_ca":
            guard let caPath else { throw invalid("tls=verify_ca needs ssl_ca") }
            configuration.tls = .verifyCA(caPath: caPath)
        case "verify_identity", "verify_full":
            guard let caPath else { throw invalid("tls=verify_identity needs ssl_ca") }
            configuration.tls = .verifyIdentity(caPath: caPath)
        default: throw invalid("unknown tls mode")
        }
    }

    private static func seconds(_ value: String, _ key: String) throws -> Duration {
        guard let number = Double(value), number > 0, number.isFinite else { throw invalid("bad \(key)") }
        return .milliseconds(Int64((number * 1000).rounded()))
    }

    private static func decode(_ text: Substring, _ what: String) throws -> String {
        guard let decoded = String(text).removingPercentEncoding else { throw invalid("bad percent-encoding in \(what)") }
        return decoded
    }

    private static func invalid(_ reason: String) -> MariaDBError {
        MariaDBError(kind: .invalidURL, message: "invalid MariaDB URL: \(reason)")
    }
}
