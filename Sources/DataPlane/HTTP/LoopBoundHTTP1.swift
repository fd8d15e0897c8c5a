import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypesHTTP1
import NIOPosix

/// Hummingbird's HTTP/1.1 child channel, with each connection's handler task kept on the connection's
/// own event loop.
///
/// By default a connection's task runs on Swift's global executor: every request part that NIO reads
/// wakes a pool thread, and every response part written hops back to the event loop, and a Redis
/// reply (read on an event loop too) hops once more. With the event loop as the task's preferred
/// executor, a request is decoded, answered from Redis (`RedisClient` picks the lane of the current
/// loop) and written out on one thread without a wake-up. Blocking work never runs here: MariaDB
/// calls and password hashing keep their own threads.
///
/// It also gives request bodies a larger receive buffer (see `receiveBuffer`), and installs the
/// `FileRegionBodyHandler` that lets downloads go out with `sendfile(2)`.
struct LoopBoundHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let inner: HTTP1Channel

    /// Receive buffers grow from 2 KiB up to 256 KiB as reads fill them (NIO's default stops at
    /// 64 KiB), so a 1 MiB upload arrives in a handful of reads rather than sixteen or more.
    static let receiveBuffer = AdaptiveRecvByteBufferAllocator(minimum: 512, initial: 2048, maximum: 256 * 1024)

    /// A `HTTPServerBuilder` for `Application(router:server:...)`.
    static func builder(configuration: HTTP1Channel.Configuration = .init()) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            LoopBoundHTTP1Channel(inner: HTTP1Channel(responder: responder, configuration: configuration))
        }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.setOption(ChannelOptions.recvAllocator, value: Self.receiveBuffer).flatMap {
            inner.setup(channel: channel, logger: logger)
        }.flatMapThrowing { value in
            let codec = try channel.pipeline.syncOperations.handler(type: HTTP1ToHTTPServerCodec.self)
            try channel.pipeline.syncOperations.addHandler(FileRegionBodyHandler(), position: .before(codec))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await withTaskExecutorPreference(EventLoopExecutors.executor(for: value.channel.eventLoop)) {
            await inner.handle(value: value, logger: logger)
        }
    }
}

/// A `TaskExecutor` that runs jobs on one NIO event loop.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute {
            job.runSynchronously(on: executor)
        }
    }
}

/// One `EventLoopTaskExecutor` per loop of the shared event loop group, made once.
enum EventLoopExecutors {
    private static let byLoop: [ObjectIdentifier: EventLoopTaskExecutor] = {
        var table: [ObjectIdentifier: EventLoopTaskExecutor] = [:]
        for loop in MultiThreadedEventLoopGroup.singleton.makeIterator() {
            table[ObjectIdentifier(loop)] = EventLoopTaskExecutor(eventLoop: loop)
        }
        return table
    }()

    /// The executor of `loop`; a loop outside the shared group gets a fresh one.
    static func executor(for loop: any EventLoop) -> EventLoopTaskExecutor {
        byLoop[ObjectIdentifier(loop)] ?? EventLoopTaskExecutor(eventLoop: loop)
    }
}
