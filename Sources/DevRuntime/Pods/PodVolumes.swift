import Foundation
import KubeClient

/// The host directories behind a Pod's volumes, made ready before its containers start:
/// `emptyDir` → a directory of the Pod's own (kept across container restarts, removed with the Pod);
/// `persistentVolumeClaim` → the directory of the PersistentVolume the claim is bound to (so data
/// outlives Pods and survives a restart of `dev`); `secret` and `configMap` → their keys written as files
/// (mode `defaultMode`), refreshed at every container start.
struct PodVolumes {
    /// Where the Pod keeps its own files.
    var podDirectory: String
    /// Where PersistentVolumes live: `DIR/<volume name>`.
    var volumeDirectory: String

    /// Claim name → bound PersistentVolume name (nil while Pending).
    var boundVolume: (String) -> String??
    /// Secrets and ConfigMaps of the Pod's namespace.
    var sources: ConfigSources

    /// Prepares every volume; returns volume name → host path.
    func prepare(_ pod: Pod) throws(ContainerConfigError) -> [String: String] {
        var paths: [String: String] = [:]
        for volume in pod.spec.volumes {
            guard let name = volume.name else { continue }
            let own = "\(podDirectory)/volumes/\(name)"
            if volume.isEmptyDir {
                try Self.makeDirectory(own)
                paths[name] = own
            } else if let claim = volume.claimName {
                guard let bound = boundVolume(claim) else { throw ContainerConfigError("persistentvolumeclaim \"\(claim)\" not found") }
                guard let volumeName = bound else { throw ContainerConfigError("persistentvolumeclaim \"\(claim)\" is not bound yet") }
                let path = "\(volumeDirectory)/\(volumeName)"
                try Self.makeDirectory(path)
                paths[name] = path
            } else if let secret = volume.secretName {
                let optional = volume.object["secret"]?["optional"]?.boolValue == true
                guard let data = sources.secrets[secret] else {
                    if optional { try Self.makeDirectory(own); paths[name] = own; continue }
                    throw ContainerConfigError("secret \"\(secret)\" not found")
                }
                try Self.writeFiles(data, source: volume.object["secret"], into: own, kind: "Secret", name: secret)
                paths[name] = own
            } else if let configMap = volume.configMapName {
                let optional = volume.object["configMap"]?["optional"]?.boolValue == true
                guard let data = sources.configMaps[configMap] else {
                    if optional { try Self.makeDirectory(own); paths[name] = own; continue }
                    throw ContainerConfigError("configmap \"\(configMap)\" not found")
                }
                try Self.writeFiles(data, source: volume.object["configMap"], into: own, kind: "ConfigMap", name: configMap)
                paths[name] = own
            } else {
                throw ContainerConfigError("volume \(name): only emptyDir, persistentVolumeClaim, secret and configMap volumes run under filewallball dev")
            }
        }
        return paths
    }

    /// The container's mounts: each `volumeMount` (with `subPath`) at its path.
    static func mounts(of container: Container, volumes: [String: String]) throws(ContainerConfigError) -> [SandboxMount] {
        try container.volumeMounts.map { (mount: VolumeMount) throws(ContainerConfigError) -> SandboxMount in
            guard let name = mount.name, let target = mount.mountPath, let source = volumes[name] else {
                throw ContainerConfigError("volumeMount \(mount.name ?? "?") refers to no volume of the Pod")
            }
            var path = source
            if let sub = mount.subPath, !sub.isEmpty {
                guard !sub.split(separator: "/").contains("..") else { throw ContainerConfigError("subPath \(sub) must not contain '..'") }
                path += "/" + sub
                try makeDirectory(path)
            }
            return SandboxMount(source: path, target: target, readOnly: mount.readOnly == true)
        }
    }

    static func makeDirectory(_ path: String) throws(ContainerConfigError) {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw ContainerConfigError("cannot create \(path): \(error.localizedDescription)")
        }
    }

    /// Writes the selected keys (`items`, or every key) as files with the volume's mode; files of keys
    /// that went away are removed.
    static func writeFiles(_ data: [String: String], source: JSONValue?, into directory: String, kind: String, name: String) throws(ContainerConfigError) {
        try makeDirectory(directory)
        let mode = source?["defaultMode"]?.intValue.map(Int.init) ?? 0o644
        var files: [(String, String, Int)] = []
        if let items = source?["items"]?.arrayValue, !items.isEmpty {
            for item in items {
                guard let key = item["key"]?.stringValue, let path = item["path"]?.stringValue else { continue }
                guard let value = data[key] else { throw ContainerConfigError("couldn't find key \(key) in \(kind) \(name)") }
                guard !path.split(separator: "/").contains(".."), !path.hasPrefix("/") else { throw ContainerConfigError("item path \(path) must be relative, without '..'") }
                files.append((path, value, item["mode"]?.intValue.map(Int.init) ?? mode))
            }
        } else {
            files = data.keys.sorted().map { ($0, data[$0] ?? "", mode) }
        }
        let wanted = Set(files.map(\.0))
        for existing in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where !wanted.contains(existing) {
            try? FileManager.default.removeItem(atPath: "\(directory)/\(existing)")
        }
        for (path, value, fileMode) in files {
            let target = "\(directory)/\(path)"
            let parent = (target as NSString).deletingLastPathComponent
            try makeDirectory(parent)
            let temporary = "\(target).tmp"
            guard FileManager.default.createFile(atPath: temporary, contents: Data(value.utf8), attributes: [.posixPermissions: fileMode]) else {
                throw ContainerConfigError("cannot write \(target)")
            }
            guard rename(temporary, target) == 0 else { throw ContainerConfigError("cannot write \(target)") }
        }
    }
}
