import Foundation
import Synchronization
import Logging
import MariaDB
import Testing
import TestSupport

/// The private MariaDB of the running suite, set by `PrivateMariaDBTrait`.
enum TestServer {
    @TaskLocal static var current: PrivateMariaDB?

    /// The suite's server; fails the test when the suite lacks the trait.
    static func server() throws -> PrivateMariaDB {
        try #require(current, "suite must use .privateMariaDB")
    }

    /// Connection settings for the suite's server (database `filewallball`).
    static func configuration() throws -> MariaDBConfiguration {
        try MariaDBConfiguration(url: try server().databaseURL)
    }

    static let logger = Logger(label: "mariadb-tests")
}

/// Starts one private MariaDB for a whole suite and destroys it when the suite ends.
struct PrivateMariaDBTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let server = try await offloaded { try PrivateMariaDB.start() }
        defer { server.destroy() }
        try await TestServer.$current.withValue(server) { try await function() }
    }
}

extension Trait where Self == PrivateMariaDBTrait {
    /// One private MariaDB server for the suite.
    static var privateMariaDB: PrivateMariaDBTrait { PrivateMariaDBTrait() }
}

/// Serializes script/process launches (Foundation's Process on Linux is fragile under concurrency).
private let scriptLock = NSLock()

/// Runs blocking test plumbing (scripts, processes) on a dedicated Foundation thread, one at a time,
/// so it neither blocks the cooperative pool nor runs on a GCD worker (where Process.waitUntilExit
/// was seen to miss the child's exit).
@discardableResult
func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            scriptLock.lock()
            let result = Result { try work() }
            scriptLock.unlock()
            continuation.resume(with: result)
        }
        thread.start()
    }
}

/// A table name unique to one test.
func uniqueTable(_ prefix: String) -> String {
    "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
}

/// Runs `body` and returns the MariaDBError it threw (fails the test when it did not throw one).
func expectMariaDBError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> MariaDBError? {
    do {
        try await body()
        Issue.record("expected a MariaDBError, got success", sourceLocation: sourceLocation)
        return nil
    } catch let error as MariaDBError {
        return error
    } catch {
        Issue.record("expected a MariaDBError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// A lock-protected value that closures in task groups can share.
final class LockedBox<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<R: Sendable>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
}
