/// Connection settings for a `RedisPool`.
public struct RedisConfiguration: Sendable, Equatable {
    /// Host name or IP address of the server.
    public var host: String
    /// TCP port of the server.
    public var port: Int
    /// ACL user name for `AUTH user password`; nil uses `AUTH password` (or no AUTH without a password).
    public var username: String?
    /// Password sent with AUTH on every new connection; nil sends no AUTH.
    public var password: String?
    /// Database index selected with SELECT on every new connection (0 sends no SELECT).
    public var database: Int
    /// Time allowed to establish the TCP connection.
    public var connectTimeout: Duration
    /// Socket read/write timeout for a command; a command that exceeds it fails with `.timeout`.
    public var commandTimeout: Duration
    /// After a failed connect, acquires fail fast with `.connection` for this long.
    public var reconnectBackoff: Duration
    /// How long a caller waits for a free pooled connection before `.poolExhausted`.
    public var acquireTimeout: Duration
    /// Name set with CLIENT SETNAME on each connection (visible in CLIENT LIST); nil sets none.
    public var clientName: String?

    /// Settings for `host:port` with an optional password and a database index.
    public init(host: String, port: Int = 6379, password: String? = nil, database: Int = 0) {
        self.host = host
        self.port = port
        self.username = nil
        self.password = password
        self.database = database
        self.connectTimeout = .milliseconds(500)
        self.commandTimeout = .seconds(2)
        self.reconnectBackoff = .milliseconds(500)
        self.acquireTimeout = .seconds(2)
        self.clientName = "filewallball"
    }

    /// Parses `redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]` (user and password percent-decoded).
    ///
    /// A user-info part without a colon is taken as the password. Throws `RedisError(kind: .invalidURL)`.
    public init(url: String) throws {
        let parsed = try RedisURLParser.parse(url)
        self.init(host: parsed.host, port: parsed.port, password: parsed.password, database: parsed.database)
        self.username = parsed.username
    }
}

extension RedisConfiguration {
    /// AUTH, SELECT and CLIENT SETNAME as configured: what every new connection sends first.
    var handshakeCommands: [RedisCommand] {
        var commands: [RedisCommand] = []
        if let password {
            if let username {
                commands.append(RedisCommand("AUTH", [RedisArgument(username), RedisArgument(password)]))
            } else {
                commands.append(RedisCommand("AUTH", [RedisArgument(password)]))
            }
        }
        if database != 0 {
            commands.append(RedisCommand("SELECT", [RedisArgument(database)]))
        }
        if let clientName, !clientName.isEmpty {
            commands.append(RedisCommand("CLIENT", ["SETNAME", RedisArgument(clientName)]))
        }
        return commands
    }
}
