import Foundation

/// Serializes everything in the test process that starts child processes (Foundation's Process on
/// Linux misses child exits under concurrency, and a child spawned while another's pipes are open
/// would inherit them).
let processLock = NSLock()

/// Runs blocking test plumbing on a dedicated thread, never on the cooperative pool; with
/// `serialized`, under `processLock`.
func onThread<T: Sendable>(serialized: Bool = true, _ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            if serialized { processLock.lock() }
            let result = Result { try body() }
            if serialized { processLock.unlock() }
            continuation.resume(with: result)
        }.start()
    }
}
