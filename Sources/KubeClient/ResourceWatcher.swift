import Logging
import Metrics

/// What a `ResourceWatcher` reports.
public enum WatcherEvent<R: KubeObject>: Sendable {
    /// A complete, consistent list: replace whatever was known (initial list and every relist).
    case listed([R], resourceVersion: String)
    /// An object appeared.
    case added(R)
    /// An object changed.
    case modified(R)
    /// An object was deleted.
    case deleted(R)
}

/// Settings for `ResourceWatcher`.
public struct WatcherOptions: Sendable {
    /// Namespace to watch; nil for the client's default, "" for all namespaces.
    public var namespace: String?
    /// Label selector.
    public var labelSelector: String?
    /// Field selector.
    public var fieldSelector: String?
    /// List page size.
    public var pageSize: Int = 500
    /// Server-side watch timeouts are drawn from this range (client-go uses 300–600 s) so watches rotate.
    public var watchTimeoutSeconds: ClosedRange<Int> = 300...600
    /// First backoff after a failure.
    public var initialBackoff: Duration = .milliseconds(800)
    /// Backoff cap.
    public var maxBackoff: Duration = .seconds(30)

    /// Creates options.
    public init(namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil) {
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
    }
}

/// List-then-watch as an explicit state machine, like client-go's reflector and kube-rs' watcher.
///
/// States: **listing** (paginated LIST; emits `.listed`) → **watching(rv)** (WATCH from rv with bookmarks;
/// each event advances rv). A watch that ends normally (timeoutSeconds) re-watches from the last rv at once.
/// A 410 (HTTP or in-band ERROR) goes back to **listing**. Any other failure waits with exponential backoff
/// plus full jitter, then retries the same state. Because every watch resumes from the last delivered rv,
/// no event is lost or repeated across reconnects.
public struct ResourceWatcher<R: KubeObject>: Sendable {
    /// Verbs used for list and watch.
    public let resource: ResourceClient<R>
    /// Settings.
    public let options: WatcherOptions
    /// Clock for backoff sleeps.
    public let clock: any KubeClock
    let logger: Logger

    /// Creates a watcher.
    public init(resource: ResourceClient<R>, options: WatcherOptions = WatcherOptions(), clock: any KubeClock = SystemKubeClock(), logger: Logger = Logger(label: "filewallball.watcher")) {
        self.resource = resource
        self.options = options
        self.clock = clock
        self.logger = logger
    }

    private enum State {
        case listing
        case watching(resourceVersion: String)
    }

    /// Runs until the consuming task is cancelled or the stream is dropped.
    public func events() -> AsyncThrowingStream<WatcherEvent<R>, any Error> {
        let (stream, continuation) = AsyncThrowingStream<WatcherEvent<R>, any Error>.makeStream(bufferingPolicy: .unbounded)
        let task = Task {
            await run(continuation)
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private func run(_ output: AsyncThrowingStream<WatcherEvent<R>, any Error>.Continuation) async {
        var state = State.listing
        var failures = 0
        let restarts = Counter(label: "kube_watch_restarts_total", dimensions: [("resource", resource.descriptor.plural)], factory: resource.client.metricsFactory)
        while !Task.isCancelled {
            do {
                switch state {
                case .listing:
                    let list = try await resource.listAll(
                        namespace: options.namespace,
                        options: ListOptions(labelSelector: options.labelSelector, fieldSelector: options.fieldSelector, limit: options.pageSize))
                    output.yield(.listed(list.items, resourceVersion: list.resourceVersion ?? ""))
                    state = .watching(resourceVersion: list.resourceVersion ?? "")
                    failures = 0
                case .watching(let resourceVersion):
                    let started = clock.uptime
                    let (next, delivered) = try await watchOnce(from: resourceVersion, output: output, failures: &failures)
                    state = next
                    restarts.increment()
                    if delivered == 0, clock.uptime - started < .seconds(1) {
                        // A watch that closes at once with nothing in it must not become a hot loop.
                        failures += 1
                        try await clock.sleep(for: backoff(failures: failures))
                    }
                }
            } catch is CancellationError {
                return
            } catch let error as KubeAPIError where error.isResourceExpired {
                logger.info("watch expired; relisting", metadata: ["kube.resource": "\(resource.descriptor.plural)"])
                restarts.increment()
                state = .listing
            } catch {
                if Task.isCancelled { return }
                if let interrupted = error as? WatchInterrupted {
                    state = .watching(resourceVersion: interrupted.resumeFrom)
                }
                failures += 1
                restarts.increment()
                logger.warning("list/watch failed; backing off", metadata: [
                    "kube.resource": "\(resource.descriptor.plural)", "error": "\(error)", "failures": "\(failures)",
                ])
                do {
                    try await clock.sleep(for: backoff(failures: failures))
                } catch {
                    return
                }
            }
        }
    }

    /// Exponential backoff with full jitter: uniform in [d/2, d] where d doubles up to the cap.
    func backoff(failures: Int) -> Duration {
        let exponent = min(failures - 1, 20)
        var delay = options.initialBackoff * (1 << exponent)
        if delay > options.maxBackoff { delay = options.maxBackoff }
        let fraction = Double.random(in: 0.5...1.0)
        return delay * fraction
    }

    private func watchOnce(from resourceVersion: String, output: AsyncThrowingStream<WatcherEvent<R>, any Error>.Continuation, failures: inout Int) async throws -> (State, delivered: Int) {
        var lastVersion = resourceVersion
        var delivered = 0
        let watchOptions = WatchOptions(
            labelSelector: options.labelSelector, fieldSelector: options.fieldSelector,
            resourceVersion: resourceVersion, allowWatchBookmarks: true,
            timeoutSeconds: Int.random(in: options.watchTimeoutSeconds))
        let stream = try await resource.watch(namespace: options.namespace, options: watchOptions)
        do {
            for try await event in stream {
                failures = 0
                delivered += 1
                switch event {
                case .added(let object):
                    lastVersion = object.resourceVersion ?? lastVersion
                    output.yield(.added(object))
                case .modified(let object):
                    lastVersion = object.resourceVersion ?? lastVersion
                    output.yield(.modified(object))
                case .deleted(let object):
                    lastVersion = object.resourceVersion ?? lastVersion
                    output.yield(.deleted(object))
                case .bookmark(let version):
                    if !version.isEmpty { lastVersion = version }
                case .error(let error):
                    stream.cancel()
                    if error.isResourceExpired { return (.listing, delivered) }
                    throw error
                }
            }
        } catch {
            stream.cancel()
            if let apiError = error as? KubeAPIError, apiError.isResourceExpired { throw apiError }
            // Keep the progress made on this connection: retry from the last delivered version.
            throw WatchInterrupted(resumeFrom: lastVersion, underlying: error)
        }
        return (.watching(resourceVersion: lastVersion), delivered)
    }
}

/// A watch connection broke after delivering events up to `resumeFrom`.
struct WatchInterrupted: Error {
    let resumeFrom: String
    let underlying: any Error
}
