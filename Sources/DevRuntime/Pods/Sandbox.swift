import Foundation

/// One directory or file of the host that appears at a path inside a container.
public struct SandboxMount: Sendable, Equatable {
    /// Path on the host.
    public var source: String
    /// Path inside the container.
    public var target: String
    /// Mounted read-only.
    public var readOnly: Bool

    /// Creates a mount.
    public init(source: String, target: String, readOnly: Bool) {
        self.source = source
        self.target = target
        self.readOnly = readOnly
    }
}

/// The file-system view of one container: a bubblewrap sandbox whose root is an empty tmpfs holding the
/// host's programs and libraries read-only (`/usr`, `/opt`, `/etc` entry by entry), private `/tmp`, `/run`
/// and `/var`, the Pod's volumes at their mount paths, the cluster's hosts file at `/etc/hosts` and the
/// termination-message file at its path. The network is the host's (each Pod has its own loopback address
/// instead, see `ImageCatalog`); nothing the container writes outside its volumes reaches the host.
public struct Sandbox: Sendable {
    /// The `bwrap` executable.
    public var bubblewrap: String
    /// Volumes and files at their container paths.
    public var mounts: [SandboxMount]
    /// Hosts file bound at `/etc/hosts`.
    public var hostsFile: String?
    /// Extra read-only host directories (e.g. the directory of the FileWallBall executable).
    public var hostDirectories: [String]
    /// Working directory inside the container.
    public var workingDirectory: String?

    /// Creates a sandbox description.
    public init(bubblewrap: String = "/usr/bin/bwrap", mounts: [SandboxMount], hostsFile: String?, hostDirectories: [String] = [], workingDirectory: String? = nil) {
        self.bubblewrap = bubblewrap
        self.mounts = mounts
        self.hostsFile = hostsFile
        self.hostDirectories = hostDirectories
        self.workingDirectory = workingDirectory
    }

    /// One entry of the host's `/etc` (or of `/`): a directory/file to bind or a symlink to recreate.
    public enum HostEntry: Sendable, Equatable {
        case path(String)
        case symlink(String, target: String)
    }

    /// The entries of a host directory (lstat, so symlinks stay symlinks), sorted.
    public static func entries(of directory: String) -> [HostEntry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().compactMap { name in
            let path = directory == "/" ? "/\(name)" : "\(directory)/\(name)"
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) { return .symlink(path, target: target) }
            return .path(path)
        }
    }

    /// The full `bwrap … -- argv` vector. `root` and `etc` are the host's `/` and `/etc` entries (injected
    /// so tests need no particular host).
    public func commandLine(_ argv: [String], root: [HostEntry] = Sandbox.entries(of: "/"), etc: [HostEntry] = Sandbox.entries(of: "/etc"),
                            listDirectory: (String) -> [HostEntry] = Sandbox.entries(of:)) -> [String] {
        var args = [bubblewrap, "--unshare-ipc", "--unshare-uts", "--hostname", "filewallball-dev"]
        // Programs and libraries: /usr and the merged-/usr links (/bin, /lib, …) as the host has them.
        for entry in root {
            switch entry {
            case .symlink(let path, let target) where ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"].contains(path):
                args += ["--symlink", target, path]
            case .path(let path) where ["/usr", "/opt", "/bin", "/sbin", "/lib", "/lib64"].contains(path):
                args += ["--ro-bind", path, path]
            default:
                continue
            }
        }
        // /etc: a tmpfs with the host's entries bound read-only; a directory that a volume is mounted
        // inside is rebuilt entry by entry instead, so the mount point can be created.
        args += ["--tmpfs", "/etc"]
        args += Self.bindTree(etc, skipping: hostsFile != nil ? ["/etc/hosts"] : [], targets: mounts.map(\.target).filter { $0.hasPrefix("/etc/") }, list: listDirectory)
        if let hostsFile { args += ["--ro-bind", hostsFile, "/etc/hosts"] }
        args += ["--dev", "/dev", "--proc", "/proc", "--perms", "1777", "--tmpfs", "/tmp", "--tmpfs", "/run", "--tmpfs", "/var"]
        // bubblewrap would create a mount point's missing parents with mode 0700 (root only): a container
        // running as its own user could not reach its volumes or program. Create them 0755 first.
        for parent in Self.parents(of: mounts.map(\.target) + hostDirectories) { args += ["--perms", "0755", "--dir", parent] }
        for directory in hostDirectories { args += ["--ro-bind", directory, directory] }
        // Parents before children, so a volume inside another volume's path stays visible.
        for mount in mounts.sorted(by: { ($0.target.split(separator: "/").count, $0.target) < ($1.target.split(separator: "/").count, $1.target) }) {
            args += [mount.readOnly ? "--ro-bind" : "--bind", mount.source, mount.target]
        }
        // The image's working directory (ours have none: `/`), never the directory dev was started in.
        args += ["--chdir", workingDirectory ?? "/"]
        return args + ["--"] + argv
    }

    /// Binds `entries` read-only, except that a directory holding a mount target is descended into (its
    /// own entries bound one by one) and the targets themselves are left for their mounts.
    static func bindTree(_ entries: [HostEntry], skipping: Set<String>, targets: [String], list: (String) -> [HostEntry]) -> [String] {
        var args: [String] = []
        for entry in entries {
            switch entry {
            case .symlink(let path, let target):
                if skipping.contains(path) || targets.contains(path) { continue }
                args += ["--symlink", target, path]
            case .path(let path):
                if skipping.contains(path) || targets.contains(path) { continue }
                if targets.contains(where: { $0.hasPrefix(path + "/") }) {
                    args += ["--perms", "0755", "--dir", path] + bindTree(list(path), skipping: skipping, targets: targets, list: list)
                } else {
                    args += ["--ro-bind", path, path]
                }
            }
        }
        return args
    }

    /// The ancestors of `targets` below the top level (shallowest first, each once), which mounts need.
    static func parents(of targets: [String]) -> [String] {
        var seen: Set<String> = []
        var parents: [String] = []
        for target in targets {
            let parts = target.split(separator: "/")
            guard parts.count > 2 else { continue }
            for depth in 2..<parts.count {
                let parent = "/" + parts[0..<depth].joined(separator: "/")
                if seen.insert(parent).inserted { parents.append(parent) }
            }
        }
        return parents.sorted { ($0.split(separator: "/").count, $0) < ($1.split(separator: "/").count, $1) }
    }
}
