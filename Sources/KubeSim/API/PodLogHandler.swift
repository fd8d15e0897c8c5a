import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `GET …/pods/NAME/log`: validates `PodLogOptions`, finds the Pod and container as kube-apiserver's
/// `LogLocation` does, then streams what the `PodLogProvider` (KubeSim's kubelet) gives, as text/plain.
struct PodLogHandler: Sendable {
    let cluster: Cluster
    let provider: PodLogProvider?
    /// The open `follow` streams (ended at shutdown).
    let followers: LogFollowers
    /// The client's connection: a following stream ends as soon as the client goes (half-close or close).
    var channel: (any Channel)? = nil

    /// The parsed query.
    struct Options {
        var container = ""
        var follow = false
        var previous = false
        var timestamps = false
        var tailLines: Int?
        var limitBytes: Int?
        var sinceSeconds: Int?
        var sinceTime: Date?
    }

    func serve(namespace: String, name: String, query: [String: String]) async throws(StatusError) -> Response {
        let options = try Self.parse(query, pod: name)
        guard let podType = cluster.resourceType(group: "", version: "v1", plural: "pods") else { throw StatusError.pathNotFound("pods") }
        let pod = try cluster.get(podType, namespace: namespace, name: name)
        let container = try Self.container(options.container, in: pod, name: name)
        guard let nodeName = pod[path: ["spec", "nodeName"]]?.stringValue, !nodeName.isEmpty else {
            // kube-apiserver: a Pod not yet bound to a node has no log location, which streams an empty body.
            return Self.text(ResponseBody(byteBuffer: ByteBuffer()))
        }
        guard let provider else { throw noKubelet(node: nodeName, namespace: namespace, pod: name, container: container) }
        let cluster = self.cluster
        let request = PodLogRequest(namespace: namespace, podName: name, container: container, pod: pod, follow: options.follow,
            previous: options.previous, timestamps: options.timestamps, tailLines: options.tailLines, limitBytes: options.limitBytes,
            sinceSeconds: options.sinceSeconds, sinceTime: options.sinceTime,
            currentPod: { cluster.getStored(podType, namespace: namespace, name: name)?.value })
        let source: PodLogSource
        do {
            source = try await provider(request)
        } catch let error as StatusError {
            throw error
        } catch {
            throw StatusError(code: 500, reason: "InternalError", message: "Internal error occurred: \(error)")
        }
        let existing = options.tailLines.map { PodLogSource.tail(source.existing, lines: $0) } ?? source.existing
        let limit = options.limitBytes ?? Int.max
        var live = options.follow ? source.live : nil
        var watcher: ClientDisconnectWatcher?
        var followerID: Int?
        if let followed = live {
            // A following stream ends when the client goes, or when the server shuts down.
            let (stream, end) = ClientDisconnectWatcher.untilClientLeaves(followed)
            live = stream
            followerID = followers.add(end)
            if let channel {
                let handler = ClientDisconnectWatcher(onGone: end)
                if (try? await channel.pipeline.addHandler(handler, position: .first)) != nil { watcher = handler }
            }
        }
        let attached = watcher
        let following = live
        let channel = self.channel
        let followers = self.followers
        let registered = followerID
        let body = ResponseBody { writer in
            defer {
                if let attached, let channel { channel.pipeline.removeHandler(attached, promise: nil) }
                if let registered { followers.remove(registered) }
            }
            var remaining = limit
            if !existing.isEmpty {
                let part = existing.prefix(remaining)
                remaining -= part.count
                try await writer.write(ByteBuffer(bytes: part))
            }
            if let live = following, remaining > 0 {
                do {
                    for try await chunk in live where !chunk.isEmpty {
                        let part = chunk.prefix(remaining)
                        remaining -= part.count
                        try await writer.write(ByteBuffer(bytes: part))
                        if remaining <= 0 { break }
                    }
                } catch let error as CancellationError {
                    throw error
                } catch {
                    // The provider ended the stream with an error: the log ends there (the kubelet does the same).
                }
            }
            try await writer.finish(nil)
        }
        return Self.text(body)
    }

    private static func text(_ body: ResponseBody) -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain"], body: body)
    }

    /// What a cluster whose kubelet cannot be reached answers: 404 when the Node object does not exist (the
    /// connection info lookup fails), otherwise the 500 of a failed dial to the kubelet port.
    private func noKubelet(node: String, namespace: String, pod: String, container: String) -> StatusError {
        let nodeType = cluster.resourceType(group: "", version: "v1", plural: "nodes")
        if let nodeType, cluster.getStored(nodeType, namespace: nil, name: node) == nil {
            return StatusError.notFound(nodeType, node)
        }
        return StatusError(code: 500, reason: "InternalError",
            message: "Get \"https://\(node):10250/containerLogs/\(namespace)/\(pod)/\(container)\": dial tcp: connect: connection refused")
    }

    /// kube-apiserver's `validateContainer`.
    static func container(_ requested: String, in pod: JSONValue, name: String) throws(StatusError) -> String {
        func names(_ key: String) -> [String] {
            (pod[path: ["spec", key]]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        }
        let containers = names("containers")
        let all = names("initContainers") + containers + names("ephemeralContainers")
        if requested.isEmpty {
            switch containers.count {
            case 1: return containers[0]
            case 0: throw StatusError.badRequest("a container name must be specified for pod \(name)")
            default:
                throw StatusError.badRequest("a container name must be specified for pod \(name), choose one of: [\(all.joined(separator: " "))]")
            }
        }
        guard all.contains(requested) else { throw StatusError.badRequest("container \(requested) is not valid for pod \(name)") }
        return requested
    }

    /// Parses and validates `PodLogOptions` (ValidatePodLogOptions' rules and messages).
    static func parse(_ query: [String: String], pod: String) throws(StatusError) -> Options {
        var o = Options()
        o.container = query["container"] ?? ""
        o.follow = RequestInfo.flag(query["follow"])
        o.previous = RequestInfo.flag(query["previous"])
        o.timestamps = RequestInfo.flag(query["timestamps"])
        func integer(_ key: String) throws(StatusError) -> Int? {
            guard let text = query[key], !text.isEmpty else { return nil }
            guard let value = Int(text) else {
                throw StatusError.badRequest("\(key): invalid value '\(text)': strconv.ParseInt: parsing \"\(text)\": invalid syntax")
            }
            return value
        }
        o.tailLines = try integer("tailLines")
        o.limitBytes = try integer("limitBytes")
        o.sinceSeconds = try integer("sinceSeconds")
        if let text = query["sinceTime"], !text.isEmpty {
            guard let date = ObjectMeta.parseTimestamp(text) else {
                throw StatusError.badRequest("sinceTime: invalid value '\(text)': parsing time \"\(text)\" as RFC3339")
            }
            o.sinceTime = date
        }
        var causes: [StatusError.FieldCause] = []
        if let t = o.tailLines, t < 0 {
            causes.append(.init(field: "tailLines", reason: "FieldValueInvalid", message: "Invalid value: \(t): must be greater than or equal to 0"))
        }
        if let l = o.limitBytes, l < 1 {
            causes.append(.init(field: "limitBytes", reason: "FieldValueInvalid", message: "Invalid value: \(l): must be greater than 0"))
        }
        if let s = o.sinceSeconds, s < 1 {
            causes.append(.init(field: "sinceSeconds", reason: "FieldValueInvalid", message: "Invalid value: \(s): must be greater than 0"))
        }
        if o.sinceSeconds != nil, o.sinceTime != nil {
            causes.append(.init(field: "", reason: "FieldValueForbidden", message: "Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified"))
        }
        if !causes.isEmpty {
            let kind = ResourceType(group: "", version: "v1", kind: "PodLogOptions", plural: "pods", singular: "pod", namespaced: true)
            throw StatusError.invalid(kind, pod, causes: causes)
        }
        return o
    }
}
