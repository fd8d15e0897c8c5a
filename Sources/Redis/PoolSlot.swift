import Dispatch

/// One pool position: a serial queue that runs every blocking hiredis call for its connection.
// Safety: `connection`, the only mutable property, is read and written on the serial `queue` only.
final class PoolSlot: @unchecked Sendable {
    /// The serial queue owning `connection`.
    let queue: DispatchQueue
    /// The live connection, or nil when it must (re)connect before the next command.
    var connection: HiredisConnection?

    init(index: Int) {
        queue = DispatchQueue(label: "filewallball.redis.connection.\(index)")
    }
}
