import Foundation

/// The images `filewallball dev` runs as local programs instead of pulling them.
public enum LocalImage: String, Sendable, CaseIterable {
    /// `mariadb:*`: `mariadbd` from the machine's mariadb-server package, initialized like the official
    /// image's entrypoint.
    case mariadb
    /// `redis:*`: `redis-server` from the machine's redis-server package.
    case redis
    /// `…/filewallball:*`: this very executable.
    case fileWallBall = "filewallball"

    /// The image an image reference names (registry, path, tag and digest ignored), nil when unknown.
    public init?(reference: String) {
        var name = reference
        if let at = name.firstIndex(of: "@") { name = String(name[..<at]) }
        let last = name.split(separator: "/").last.map(String.init) ?? name
        let repository = last.split(separator: ":").first.map(String.init) ?? last
        self.init(rawValue: repository)
    }

    /// The Debian package a missing program comes from (what the Pod's message tells the user to install).
    var package: String {
        switch self {
        case .mariadb: return "mariadb-server"
        case .redis: return "redis-server"
        case .fileWallBall: return "filewallball"
        }
    }
}

/// Why a container cannot be started: reported on the Pod as a waiting reason and message.
public struct ImageUnavailable: Error, Sendable, Equatable, CustomStringConvertible {
    /// Waiting reason, `ErrImageNeverPull` like a kubelet that may not pull.
    public var reason: String
    /// What is wrong and what to do.
    public var message: String
    public var description: String { "\(reason): \(message)" }
}

/// How one container of a known image runs here: the program and its arguments after the image's
/// entrypoint rules, plus the address adaptations a Pod of its own network namespace would not need.
public struct LocalCommand: Sendable, Equatable {
    /// Which image.
    public var image: LocalImage
    /// Full argument vector; `[0]` is an absolute path on this machine.
    public var arguments: [String]
    /// Environment, after the adaptations.
    public var environment: [(String, String)]

    public static func == (lhs: LocalCommand, rhs: LocalCommand) -> Bool {
        lhs.image == rhs.image && lhs.arguments == rhs.arguments
            && lhs.environment.map { "\($0.0)=\($0.1)" } == rhs.environment.map { "\($0.0)=\($0.1)" }
    }
}

/// Finds the local program for an image and applies the image's entrypoint rules to a container's
/// `command` and `args`.
///
/// Address rule: in Kubernetes every Pod has its own network namespace, so a server that listens on
/// `0.0.0.0` there is reachable on the Pod's IP only. Here all Pods share the host's, so each Pod gets a
/// loopback address of its own and its servers are made to listen on exactly that address: MariaDB gets
/// `--bind-address=POD_IP`, Redis `--bind POD_IP` (both after the configuration, so they win), and the
/// file service's `0.0.0.0:PORT` / `[::]:PORT` environment values become `POD_IP:PORT`.
public struct ImageCatalog: Sendable {
    /// Absolute path of the FileWallBall executable that `…/filewallball` images run.
    public var fileWallBallBinary: String
    /// Directories searched for `mariadbd`, `mariadb-install-db` and `redis-server`.
    public var searchPath: [String]
    /// Whether processes run as root (MariaDB then needs `--user=root`).
    public var runsAsRoot: Bool

    /// Creates a catalog.
    public init(fileWallBallBinary: String, searchPath: [String] = ImageCatalog.defaultSearchPath, runsAsRoot: Bool = getuid() == 0) {
        self.fileWallBallBinary = fileWallBallBinary
        self.searchPath = searchPath
        self.runsAsRoot = runsAsRoot
    }

    /// The PATH of the official images, which is also where Debian installs the servers.
    public static let defaultSearchPath = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]

    /// The absolute path of `program` on this machine, nil when missing.
    public func locate(_ program: String) -> String? {
        if program.hasPrefix("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        for directory in searchPath {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The command line for `image` given the container's `command`/`args` (already `$(VAR)`-expanded) and
    /// environment, on a Pod whose address is `podIP`.
    /// `asRoot` says whether this container's process runs as root (MariaDB then needs `--user=root`).
    public func command(image reference: String, command: [String]?, args: [String]?, environment: [(String, String)], podIP: String,
                        asRoot: Bool? = nil) throws(ImageUnavailable) -> LocalCommand {
        guard let image = LocalImage(reference: reference) else {
            throw ImageUnavailable(reason: "ErrImageNeverPull",
                                   message: "filewallball dev runs only the mariadb, redis and filewallball images as local programs; \(reference) is none of them")
        }
        var argv: [String]
        var environment = environment
        switch image {
        case .mariadb:
            argv = Self.entrypoint(command: command, args: args, defaultCommand: ["mariadbd"], flagsGoTo: "mariadbd")
            if ["mysqld", "mariadbd"].contains(argv.first ?? "") {
                argv.append("--bind-address=\(podIP)")
                if asRoot ?? runsAsRoot { argv.append("--user=root") }
            }
        case .redis:
            argv = Self.entrypoint(command: command, args: args, defaultCommand: ["redis-server"], flagsGoTo: "redis-server")
            if argv.first == "redis-server" { argv += ["--bind", podIP] }
        case .fileWallBall:
            if let command, let first = command.first, first.hasSuffix("filewallball") {
                argv = [fileWallBallBinary] + command.dropFirst() + (args ?? [])
            } else if let command, !command.isEmpty {
                argv = command + (args ?? [])
            } else {
                argv = [fileWallBallBinary] + (args ?? [])
            }
            environment = environment.map { name, value in (name, Self.pinWildcard(value, to: podIP)) }
        }
        guard let program = argv.first, let path = program == fileWallBallBinary ? program : locate(program) else {
            let missing = argv.first ?? "(empty command)"
            throw ImageUnavailable(reason: "ErrImageNeverPull",
                                   message: "\(missing) is not installed on this machine (image \(reference)): install the \(image.package) package (bash hack/install-deps.sh)")
        }
        argv[0] = path
        return LocalCommand(image: image, arguments: argv, environment: environment)
    }

    /// The official images' entrypoint rule: no command → the default; first argument a flag → the
    /// default program with those flags; otherwise the command as given.
    static func entrypoint(command: [String]?, args: [String]?, defaultCommand: [String], flagsGoTo program: String) -> [String] {
        if let command, !command.isEmpty { return command + (args ?? []) }
        guard let args, let first = args.first else { return defaultCommand }
        return first.hasPrefix("-") ? [program] + args : args
    }

    /// `0.0.0.0:P` or `[::]:P` → `podIP:P`; anything else unchanged.
    static func pinWildcard(_ value: String, to podIP: String) -> String {
        for wildcard in ["0.0.0.0:", "[::]:"] where value.hasPrefix(wildcard) {
            let port = value.dropFirst(wildcard.count)
            if !port.isEmpty, port.allSatisfy(\.isNumber) { return "\(podIP):\(port)" }
        }
        return value
    }
}
