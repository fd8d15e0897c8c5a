import Foundation

/// What the official MariaDB image's entrypoint does on a first start, for a local `mariadbd`: when the
/// data directory holds no system tables, `mariadb-install-db` creates them, and the server's first start
/// runs an init file that sets the root password (for `root@localhost` and `root@'%'`), creates
/// `MARIADB_DATABASE` and `MARIADB_USER` with `MARIADB_PASSWORD` and all rights on that database, and a
/// `healthcheck` user whose credentials go to `DATADIR/.my-healthcheck.cnf` (what the image's
/// `healthcheck.sh` reads; `healthcheckScript` stands in for it). The `MYSQL_*` spellings are accepted too.
/// The init file is idempotent and passed until the server has once been ready, so a crash half-way
/// through the first start is repaired by the next.
enum MariaDBEntrypoint {
    /// Marker written into the data directory once the initialized server was ready.
    static let initializedMarker = ".filewallball-dev-initialized"

    /// Whether `dataDirectory` (host path) still lacks the system tables.
    static func needsInstall(dataDirectory: String) -> Bool {
        !FileManager.default.fileExists(atPath: "\(dataDirectory)/mysql")
    }

    /// Whether the init file must still be passed.
    static func needsInitFile(dataDirectory: String) -> Bool {
        !FileManager.default.fileExists(atPath: "\(dataDirectory)/\(initializedMarker)")
    }

    /// The image's variable, `MARIADB_X` or `MYSQL_X`.
    static func variable(_ name: String, in environment: [String: String]) -> String? {
        environment["MARIADB_\(name)"] ?? environment["MYSQL_\(name)"]
    }

    /// The init SQL, or the image's error when no root password option is set.
    static func initSQL(environment: [String: String], healthcheckPassword: String) throws(ContainerConfigError) -> String {
        let rootPassword = variable("ROOT_PASSWORD", in: environment) ?? ""
        let allowEmpty = !(variable("ALLOW_EMPTY_ROOT_PASSWORD", in: environment) ?? "").isEmpty
        guard !rootPassword.isEmpty || allowEmpty else {
            throw ContainerConfigError("Database is uninitialized and password option is not specified: you need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD")
        }
        let rootHost = variable("ROOT_HOST", in: environment) ?? "%"
        var sql = [
            "SET @@SESSION.SQL_LOG_BIN=0;",
            // mariadb-install-db also creates password-less root accounts for 127.0.0.1, ::1 and the host
            // name, which would win over root@'%' for a client coming through the loopback proxy; the
            // official entrypoint drops them too.
            "DROP USER IF EXISTS 'root'@'127.0.0.1', 'root'@'::1';",
            "EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS root@\\'', @@hostname, '\\'');",
            "ALTER USER 'root'@'localhost' IDENTIFIED BY \(literal(rootPassword));",
        ]
        if rootHost != "localhost" {
            sql.append("CREATE USER IF NOT EXISTS 'root'@\(literal(rootHost)) IDENTIFIED BY \(literal(rootPassword));")
            sql.append("ALTER USER 'root'@\(literal(rootHost)) IDENTIFIED BY \(literal(rootPassword));")
            sql.append("GRANT ALL ON *.* TO 'root'@\(literal(rootHost)) WITH GRANT OPTION;")
        }
        for host in ["127.0.0.1", "::1", "localhost"] {
            sql.append("CREATE USER IF NOT EXISTS 'healthcheck'@'\(host)' IDENTIFIED BY \(literal(healthcheckPassword));")
            sql.append("ALTER USER 'healthcheck'@'\(host)' IDENTIFIED BY \(literal(healthcheckPassword));")
            sql.append("GRANT USAGE ON *.* TO 'healthcheck'@'\(host)';")
        }
        if let database = variable("DATABASE", in: environment), !database.isEmpty {
            sql.append("CREATE DATABASE IF NOT EXISTS \(identifier(database));")
        }
        if let user = variable("USER", in: environment), !user.isEmpty {
            let password = variable("PASSWORD", in: environment) ?? ""
            sql.append("CREATE USER IF NOT EXISTS \(literal(user))@'%' IDENTIFIED BY \(literal(password));")
            sql.append("ALTER USER \(literal(user))@'%' IDENTIFIED BY \(literal(password));")
            if let database = variable("DATABASE", in: environment), !database.isEmpty {
                sql.append("GRANT ALL ON \(identifier(database)).* TO \(literal(user))@'%';")
            }
        }
        sql.append("FLUSH PRIVILEGES;")
        return sql.joined(separator: "\n") + "\n"
    }

    /// `DATADIR/.my-healthcheck.cnf`.
    static func healthcheckOptions(password: String) -> String {
        "[mariadb-client]\nport=3306\nsocket=/run/mysqld/mysqld.sock\nuser=healthcheck\npassword=\(password)\nprotocol=socket\n"
    }

    /// `healthcheck.sh`: `--connect` logs in with the healthcheck user; `--innodb_initialized` checks that
    /// InnoDB is up. Other options of the image's script are accepted and checked as `--connect`.
    static let healthcheckScript = """
        #!/bin/sh
        # filewallball dev: stands in for the official MariaDB image's healthcheck.sh.
        query="SELECT 1"
        for option in "$@"; do
          case "$option" in
            --innodb_initialized) query="SELECT 1 FROM information_schema.ENGINES WHERE ENGINE='InnoDB' AND SUPPORT IN ('YES','DEFAULT','ENABLED')" ;;
          esac
        done
        result=$(mariadb --defaults-extra-file=/var/lib/mysql/.my-healthcheck.cnf --skip-column-names -e "$query" 2>&1) || { echo "$result" >&2; exit 1; }
        [ "$result" = "1" ] || { echo "healthcheck: $result" >&2; exit 1; }

        """

    /// A SQL string literal.
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// A SQL identifier.
    static func identifier(_ text: String) -> String {
        "`" + text.replacingOccurrences(of: "`", with: "``") + "`"
    }
}
