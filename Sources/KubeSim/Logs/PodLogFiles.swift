import Foundation

/// A `PodLogProvider` that serves container logs from plain files, laid out as
/// `DIRECTORY/NAMESPACE/POD/CONTAINER.log`, and `CONTAINER.previous.log` for `previous=true`.
///
/// The files hold the container's raw output (no per-line timestamps, so `timestamps`, `sinceSeconds` and
/// `sinceTime` are not honoured). With `follow`, growth of the file is streamed (polled every
/// `pollInterval`) until the Pod is gone or replaced (another uid), its container reports
/// `state.terminated`, or another file takes the path (the writer started a new instance); what was written
/// before that is still sent.
public struct PodLogFiles: Sendable {
    /// The root directory.
    public let directory: String
    /// How often a followed file is checked for new output.
    public var pollInterval: Duration

    /// Where a request's file is, when the layout is not the default one.
    private let locate: (@Sendable (PodLogRequest) -> String)?

    /// Serves logs from `directory`.
    public init(directory: String, pollInterval: Duration = .milliseconds(200)) {
        self.directory = directory
        self.pollInterval = pollInterval
        locate = nil
    }

    /// Serves logs from the files `locate` names (e.g. a kubelet that keeps them per Pod uid).
    public init(pollInterval: Duration = .milliseconds(200), locate: @escaping @Sendable (PodLogRequest) -> String) {
        directory = ""
        self.pollInterval = pollInterval
        self.locate = locate
    }

    /// Where the log of one container (instance) is read from.
    public func path(namespace: String, pod: String, container: String, previous: Bool = false) -> String {
        "\(directory)/\(namespace)/\(pod)/\(container)\(previous ? ".previous" : "").log"
    }

    /// This directory as the provider KubeSim calls.
    public var provider: PodLogProvider {
        let files = self
        return { request in try files.source(for: request) }
    }

    /// The source for one request: the file's content, and for `follow` its later growth.
    public func source(for request: PodLogRequest) throws -> PodLogSource {
        let file = locate?(request) ?? path(namespace: request.namespace, pod: request.podName, container: request.container, previous: request.previous)
        guard let handle = FileHandle(forReadingAtPath: file) else {
            if request.previous {
                throw StatusError.badRequest("previous terminated container \"\(request.container)\" in pod \"\(request.podName)\" not found")
            }
            let reason = Self.waitingReason(request.pod, container: request.container) ?? "ContainerCreating"
            throw StatusError.badRequest("container \"\(request.container)\" in pod \"\(request.podName)\" is waiting to start: \(reason)")
        }
        let existing = Array((try? handle.readToEnd()) ?? Data())
        guard request.follow, !request.previous else {
            try? handle.close()
            return PodLogSource(existing: existing)
        }
        let inode = Self.inode(fd: handle.fileDescriptor)
        let uid = request.pod[path: ["metadata", "uid"]]?.stringValue
        let interval = pollInterval
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: [UInt8].self)
        let poller = Task {
            defer { try? handle.close() }
            while !Task.isCancelled {
                let ended = Self.ended(request.currentPod(), uid: uid, container: request.container)
                    || Self.inode(path: file) != inode
                if let data = try? handle.readToEnd(), !data.isEmpty { continuation.yield(Array(data)) }
                if ended { break }
                try? await Task.sleep(for: interval)
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in poller.cancel() }
        return PodLogSource(existing: existing, live: stream)
    }

    /// True once the Pod is gone, replaced, or the container has terminated.
    static func ended(_ pod: JSONValue?, uid: String?, container: String) -> Bool {
        guard let pod, pod[path: ["metadata", "uid"]]?.stringValue == uid else { return true }
        return status(pod, container: container)?[path: ["state", "terminated"]] != nil
    }

    static func status(_ pod: JSONValue, container: String) -> JSONValue? {
        for key in ["containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses"] {
            if let found = pod[path: ["status", key]]?.arrayValue?.first(where: { $0["name"]?.stringValue == container }) { return found }
        }
        return nil
    }

    static func waitingReason(_ pod: JSONValue, container: String) -> String? {
        status(pod, container: container)?[path: ["state", "waiting", "reason"]]?.stringValue
    }

    private static func inode(fd: Int32) -> UInt64? {
        var st = stat()
        return fstat(fd, &st) == 0 ? UInt64(st.st_ino) : nil
    }

    private static func inode(path: String) -> UInt64? {
        var st = stat()
        return stat(path, &st) == 0 ? UInt64(st.st_ino) : nil
    }
}
