import Foundation
import KubeClient

/// Why a container's environment or files cannot be built (the Pod then waits with
/// `CreateContainerConfigError`, as a kubelet reports it).
public struct ContainerConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kubelet's message, e.g. `secret "x" not found`.
    public var message: String
    /// Creates the error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The Secrets and ConfigMaps a Pod's containers may refer to, decoded to text (what the kubelet reads).
public struct ConfigSources: Sendable {
    /// Secret name → key → value (base64-decoded).
    public var secrets: [String: [String: String]]
    /// ConfigMap name → key → value.
    public var configMaps: [String: [String: String]]

    /// Creates the sources.
    public init(secrets: [String: [String: String]] = [:], configMaps: [String: [String: String]] = [:]) {
        self.secrets = secrets
        self.configMaps = configMaps
    }

    /// The decoded `data` (and `stringData`) of a Secret.
    public static func decode(_ secret: Secret) -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in secret.object["data"]?.objectValue ?? [:] {
            guard let text = value.stringValue, let bytes = Data(base64Encoded: text) else { continue }
            values[key] = String(decoding: bytes, as: UTF8.self)
        }
        for (key, value) in secret.object["stringData"]?.objectValue ?? [:] { values[key] = value.stringValue }
        return values
    }

    /// The `data` of a ConfigMap.
    public static func decode(_ configMap: ConfigMap) -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in configMap.object["data"]?.objectValue ?? [:] { values[key] = value.stringValue }
        return values
    }
}

/// A container's environment as the kubelet builds it: `envFrom` first, then `env` in order (later wins),
/// `valueFrom` resolved from Secrets, ConfigMaps and the Pod's own fields, and `$(VAR)` references
/// expanded against the variables defined before them.
public enum ContainerEnvironment {
    /// The ordered variables of `container` in `pod`; throws for a missing, non-optional source.
    public static func resolve(_ container: Container, pod: Pod, podIP: String, sources: ConfigSources) throws -> [(String, String)] {
        var names: [String] = []
        var values: [String: String] = [:]
        func set(_ name: String, _ value: String) {
            if values[name] == nil { names.append(name) }
            values[name] = value
        }
        for source in container.envFrom {
            let prefix = source.prefix ?? ""
            if let reference = source.secretRef, let name = reference.name {
                guard let data = sources.secrets[name] else {
                    if reference.optional == true { continue }
                    throw ContainerConfigError("secret \"\(name)\" not found")
                }
                for key in data.keys.sorted() { set(prefix + key, data[key] ?? "") }
            } else if let reference = source.configMapRef, let name = reference.name {
                guard let data = sources.configMaps[name] else {
                    if reference.optional == true { continue }
                    throw ContainerConfigError("configmap \"\(name)\" not found")
                }
                for key in data.keys.sorted() { set(prefix + key, data[key] ?? "") }
            }
        }
        for variable in container.env {
            guard let name = variable.name else { continue }
            if let source = variable.valueFrom {
                guard let value = try value(of: source, pod: pod, podIP: podIP, sources: sources) else { continue }
                set(name, value)
            } else {
                set(name, expand(variable.value ?? "", with: values))
            }
        }
        return names.map { ($0, values[$0] ?? "") }
    }

    private static func value(of source: EnvVarSource, pod: Pod, podIP: String, sources: ConfigSources) throws -> String? {
        if let selector = source.secretKeyRef, let name = selector.name, let key = selector.key {
            guard let data = sources.secrets[name] else {
                if selector.optional == true { return nil }
                throw ContainerConfigError("secret \"\(name)\" not found")
            }
            guard let value = data[key] else {
                if selector.optional == true { return nil }
                throw ContainerConfigError("couldn't find key \(key) in Secret \(pod.metadata.namespace ?? "")/\(name)")
            }
            return value
        }
        if let selector = source.configMapKeyRef, let name = selector.name, let key = selector.key {
            guard let data = sources.configMaps[name] else {
                if selector.optional == true { return nil }
                throw ContainerConfigError("configmap \"\(name)\" not found")
            }
            guard let value = data[key] else {
                if selector.optional == true { return nil }
                throw ContainerConfigError("couldn't find key \(key) in ConfigMap \(pod.metadata.namespace ?? "")/\(name)")
            }
            return value
        }
        if let field = source.fieldRef?.fieldPath {
            switch field {
            case "metadata.name": return pod.name
            case "metadata.namespace": return pod.metadata.namespace ?? "default"
            case "metadata.uid": return pod.metadata.uid ?? ""
            case "spec.nodeName": return DevNetwork.nodeName
            case "spec.serviceAccountName": return pod.spec.serviceAccountName ?? "default"
            case "status.podIP", "status.podIPs": return podIP
            case "status.hostIP", "status.hostIPs": return "127.0.0.1"
            default:
                throw ContainerConfigError("unsupported fieldRef \(field) (filewallball dev resolves metadata.name, metadata.namespace, metadata.uid, spec.nodeName, spec.serviceAccountName, status.podIP, status.hostIP)")
            }
        }
        throw ContainerConfigError("env valueFrom of an unsupported kind (resourceFieldRef is not resolved by filewallball dev)")
    }

    /// Expands `$(NAME)` from `values` as the kubelet does: `$$` is a literal `$`, an unknown or unclosed
    /// reference stays as written.
    public static func expand(_ text: String, with values: [String: String]) -> String {
        guard text.contains("$") else { return text }
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            guard character == "$", next < text.endIndex else {
                output.append(character)
                index = next
                continue
            }
            if text[next] == "$" {
                output.append("$")
                index = text.index(after: next)
            } else if text[next] == "(", let close = text[next...].firstIndex(of: ")") {
                let name = String(text[text.index(after: next)..<close])
                if let value = values[name] { output += value } else { output += text[index...close] }
                index = text.index(after: close)
            } else {
                output.append(character)
                index = next
            }
        }
        return output
    }
}
