/// Connection settings.
public struct MariaDBConfiguration: Sendable, Equatable {
    /// Server host name or IP address.
    public var host: String
    /// Server TCP port.
    public var port: Int
    /// User name.
    public var user: String
    /// Password (never logged).
    public var password: String
    /// Default database.
    public var database: String
    /// Time allowed for the TCP connect and handshake (whole seconds, rounded up).
    public var connectTimeout: Duration = .seconds(3)
    /// Time allowed for each network read (whole seconds, rounded up).
    public var readTimeout: Duration = .seconds(30)
    /// Time allowed for each network write (whole seconds, rounded up).
    public var writeTimeout: Duration = .seconds(30)
    /// TLS mode.
    public var tls: MariaDBTLS = .disabled

    /// Settings with default timeouts and TLS disabled.
    public init(host: String, port: Int = 3306, user: String, password: String, database: String) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
    }

    /// mariadb://USER:PASSWORD@HOST:PORT/DATABASE[?tls=required&connect_timeout=3] (percent-decoded).
    ///
    /// Query options: `tls` (disabled, preferred, required, verify_ca, verify_identity), `ssl_ca`
    /// (CA file for the verify modes), `connect_timeout`, `read_timeout`, `write_timeout` (seconds).
    public init(url: String) throws {
        self = try MariaDBURLParser.parse(url)
    }

    /// The same settings with another database name (scratch/staging databases).
    public func with(database: String) -> MariaDBConfiguration {
        var copy = self
        copy.database = database
        return copy
    }

    /// Equal when every field is equal.
    public static func == (lhs: MariaDBConfiguration, rhs: MariaDBConfiguration) -> Bool {
        lhs.host == rhs.host && lhs.port == rhs.port && lhs.user == rhs.user && lhs.password == rhs.password
            && lhs.database == rhs.database && lhs.connectTimeout == rhs.connectTimeout
            && lhs.readTimeout == rhs.readTimeout && lhs.writeTimeout == rhs.writeTimeout && lhs.tls == rhs.tls
    }
}

extension Duration {
    /// Whole seconds rounded up, at least 1, for libmariadb's `unsigned int` timeouts.
    var wholeSecondsRoundedUp: UInt32 {
        let (seconds, attoseconds) = components
        let rounded = seconds + (attoseconds > 0 ? 1 : 0)
        return UInt32(clamping: max(1, rounded))
    }
}
