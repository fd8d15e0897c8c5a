import Foundation
import MariaDB

/// A private work folder (mode 0700) holding a `--defaults-extra-file` (mode 0600) with the connection
/// settings and password for `mariadb-dump` / `mariadb`, plus child stderr logs. Deleted by `remove()`.
///
/// Why a file and not `MYSQL_PWD`: a process's environment is readable in /proc by the same user and is
/// inherited by every grandchild, and the MariaDB client documents MYSQL_PWD as insecure; a 0600 file in a
/// 0700 folder is readable by nobody else, never appears in `ps`, and is gone when the run ends.
final class ClientOptionsFile: Sendable {
    /// The private folder.
    let directory: URL
    /// The option file passed as `--defaults-extra-file=`.
    let fileURL: URL

    /// Writes the option file for `configuration` (the database itself is passed as an argument).
    init(configuration: MariaDBConfiguration) throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory())
        Self.removeStale(in: base)
        directory = base.appendingPathComponent("\(Self.prefix)\(getpid())-\(UUID().uuidString.prefix(8))")
        fileURL = directory.appendingPathComponent("client.cnf")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            var lines = ["[client]", "host=\(Self.quote(configuration.host))", "port=\(configuration.port)",
                         "protocol=TCP", "user=\(Self.quote(configuration.user))",
                         "password=\(Self.quote(configuration.password))"]
            switch configuration.tls {
            case .disabled: break
            case .preferred: lines.append("ssl")
            case .required: lines.append("ssl")
            case .verifyCA(let ca): lines += ["ssl", "ssl-ca=\(Self.quote(ca))"]
            case .verifyIdentity(let ca): lines += ["ssl", "ssl-ca=\(Self.quote(ca))", "ssl-verify-server-cert"]
            }
            let text = lines.joined(separator: "\n") + "\n"
            guard FileManager.default.createFile(atPath: fileURL.path, contents: Data(text.utf8),
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw BackupError(.ioFailed, reason: "options_file", "cannot write client option file")
            }
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw BackupError.io(error, "client option file")
        }
    }

    /// The first argument for the MariaDB command-line tools.
    var argument: String { "--defaults-extra-file=\(fileURL.path)" }

    private static let prefix = "fwb-client-"

    /// Deletes folders left by runs that were killed (their pid, in the name, is gone).
    static func removeStale(in base: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).split(separator: "-").first ?? ""),
                  pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: base.appendingPathComponent(name))
        }
    }

    /// Deletes the folder and the password file.
    func remove() { try? FileManager.default.removeItem(at: directory) }

    private static func quote(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
