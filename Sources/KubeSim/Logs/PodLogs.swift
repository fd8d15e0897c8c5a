import Foundation

/// Answers `GET /api/v1/namespaces/NS/pods/NAME/log` for KubeSim (the kubelet's part of `kubectl logs`).
///
/// KubeSim has already checked the options, found the Pod and resolved the container; it calls the provider
/// only for a Pod bound to a node (`spec.nodeName`). Throw a `StatusError` to answer with it (a kubelet says
/// 400 `container "c" in pod "p" is waiting to start: ContainerCreating`, for example); any other error is a 500.
public typealias PodLogProvider = @Sendable (PodLogRequest) async throws -> PodLogSource

/// One pod log request, as `PodLogOptions` carries it.
public struct PodLogRequest: Sendable {
    /// The Pod's namespace.
    public var namespace: String
    /// The Pod's name.
    public var podName: String
    /// The container (resolved: the only one when the client named none).
    public var container: String
    /// The Pod as stored when the request came in.
    public var pod: JSONValue
    /// `follow`: keep streaming what the container writes later.
    public var follow: Bool
    /// `previous`: the log of the previous, terminated instance of the container.
    public var previous: Bool
    /// `timestamps`: prefix each line with an RFC 3339 timestamp (the provider decides whether it can).
    public var timestamps: Bool
    /// `tailLines`: only the last N lines of what exists now (KubeSim applies it to `PodLogSource.existing`).
    public var tailLines: Int?
    /// `limitBytes`: at most this many bytes in all (KubeSim applies it).
    public var limitBytes: Int?
    /// `sinceSeconds`, if given.
    public var sinceSeconds: Int?
    /// `sinceTime`, if given.
    public var sinceTime: Date?
    /// The Pod as stored now, nil once it is gone: a following source can end when its container has ended.
    public var currentPod: @Sendable () -> JSONValue?

    /// Creates a request (KubeSim builds these; tests of providers may too).
    public init(namespace: String, podName: String, container: String, pod: JSONValue, follow: Bool = false,
        previous: Bool = false, timestamps: Bool = false, tailLines: Int? = nil, limitBytes: Int? = nil,
        sinceSeconds: Int? = nil, sinceTime: Date? = nil, currentPod: @escaping @Sendable () -> JSONValue? = { nil })
    {
        self.namespace = namespace
        self.podName = podName
        self.container = container
        self.pod = pod
        self.follow = follow
        self.previous = previous
        self.timestamps = timestamps
        self.tailLines = tailLines
        self.limitBytes = limitBytes
        self.sinceSeconds = sinceSeconds
        self.sinceTime = sinceTime
        self.currentPod = currentPod
    }
}

/// What a `PodLogProvider` answers: the log so far, and (for `follow`) what comes later.
///
/// `tailLines` and `limitBytes` are applied by KubeSim; a provider may apply them itself first (for a large
/// log), since applying them twice changes nothing.
public struct PodLogSource: Sendable {
    /// The log written so far.
    public var existing: [UInt8]
    /// With `follow`: later output, in order. The response ends when this stream finishes or throws, when
    /// `limitBytes` is reached, or at the first write after the client has gone (the stream is then
    /// cancelled: its `onTermination` runs).
    public var live: AsyncThrowingStream<[UInt8], any Error>?

    /// Creates a source.
    public init(existing: [UInt8], live: AsyncThrowingStream<[UInt8], any Error>? = nil) {
        self.existing = existing
        self.live = live
    }

    /// The last `count` lines of `bytes` (a final line without a newline counts as a line).
    static func tail(_ bytes: [UInt8], lines count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        var seen = 0
        var index = bytes.endIndex
        // A trailing newline ends the last line; it does not start a new one.
        if index > bytes.startIndex, bytes[index - 1] == 0x0A { index -= 1 }
        while index > bytes.startIndex {
            if bytes[index - 1] == 0x0A {
                seen += 1
                if seen == count { return Array(bytes[index...]) }
            }
            index -= 1
        }
        return bytes
    }
}
