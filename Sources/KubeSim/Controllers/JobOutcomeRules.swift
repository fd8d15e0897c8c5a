import Foundation
import Synchronization

/// The installed Job outcome rules; the most recently added matching rule wins.
final class JobOutcomeRules: Sendable {
    private let rules = Mutex<[JobOutcomeRule]>([])

    func add(_ rule: JobOutcomeRule) {
        rules.withLock { $0.append(rule) }
    }

    func clear() {
        rules.withLock { $0.removeAll() }
    }

    func all() -> [JobOutcomeRule] {
        rules.withLock { $0 }
    }

    /// The outcome of the newest rule matching `job`, nil when none does.
    func outcome(for job: JSONValue) -> JobPodOutcome? {
        rules.withLock { $0.last { $0.matches(job) }?.outcome }
    }
}
