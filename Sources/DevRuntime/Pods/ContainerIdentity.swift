import Foundation
import KubeClient
#if canImport(Glibc)
import Glibc
#endif

/// The user a container runs as, from its and its Pod's security context, as the kubelet applies it:
/// `runAsUser`, `runAsGroup` (else 0) and `fsGroup` as a supplementary group that owns the Pod's writable
/// volumes. Applied only when the runtime itself is root (it then switches with `setpriv` inside the
/// sandbox, with `no_new_privs` and no capabilities left); otherwise every container runs as the user
/// running `dev`, and nil is returned.
struct ContainerIdentity: Sendable, Equatable {
    var uid: UInt32
    var gid: UInt32
    var fsGroup: UInt32?

    /// The identity of `container` in `pod`, or nil when nothing would change.
    static func of(_ container: Container, in pod: Pod, runtimeIsRoot: Bool) -> ContainerIdentity? {
        guard runtimeIsRoot else { return nil }
        let podContext = pod.spec.securityContext
        guard let uid = container.securityContext?.runAsUser ?? podContext?.runAsUser, uid >= 0 else { return nil }
        let gid = container.securityContext?.runAsGroup ?? podContext?.runAsGroup ?? 0
        let identity = ContainerIdentity(uid: UInt32(uid), gid: UInt32(max(0, gid)), fsGroup: podContext?.fsGroup.map { UInt32(max(0, $0)) })
        return identity.uid == 0 && identity.gid == 0 && identity.fsGroup == nil ? nil : identity
    }

    /// `setpriv` in front of the program: the user and groups, no new privileges, every capability dropped.
    func prefix(setpriv: String) -> [String] {
        var args = [setpriv, "--reuid=\(uid)", "--regid=\(gid)"]
        if let fsGroup { args.append("--groups=\(fsGroup)") } else { args.append("--clear-groups") }
        return args + ["--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--"]
    }

    /// Gives the container's user a file the runtime wrote for it (termination log, init file).
    func own(_ path: String) {
        _ = chown(path, uid, gid)
    }

    /// `fsGroup` semantics for a writable volume, with `OnRootMismatch`: when the directory's group is not
    /// `fsGroup` yet, every file below gets that group and group read/write (directories also the setgid
    /// bit, so new files inherit the group).
    func prepareVolume(_ path: String) {
        guard let group = fsGroup else {
            // Without fsGroup the user still needs to write its own emptyDir/claim directories.
            _ = chown(path, uid, gid)
            return
        }
        var info = stat()
        guard stat(path, &info) == 0, info.st_gid != group else { return }
        let enumerator = FileManager.default.enumerator(atPath: path)
        var paths = [path]
        while let relative = enumerator?.nextObject() as? String { paths.append("\(path)/\(relative)") }
        for item in paths {
            var entry = stat()
            guard lstat(item, &entry) == 0, (entry.st_mode & S_IFMT) != S_IFLNK else { continue }
            _ = chown(item, UInt32.max, group)
            let isDirectory = (entry.st_mode & S_IFMT) == S_IFDIR
            _ = chmod(item, (entry.st_mode & 0o7777) | 0o060 | (isDirectory ? 0o2010 : 0))
        }
    }

    /// A Secret or ConfigMap file: readable by the group (mode as written, group `fsGroup` or the user's).
    func ownReadOnly(_ path: String) {
        _ = chown(path, UInt32.max, fsGroup ?? gid)
    }
}
