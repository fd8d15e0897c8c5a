import Foundation

/// How a simulated Job's Pod ends: success or failure, its container's exit code and termination message.
public struct JobPodOutcome: Sendable, Equatable {
    /// True: the Pod succeeds and the Job completes; false: every attempt fails and the Job fails.
    public var succeed: Bool
    /// The container's `state.terminated.exitCode`.
    public var exitCode: Int
    /// The container's `state.terminated.message` (its termination message).
    public var message: String
    /// True: the Job keeps running (its Pod Running) while this is the rule that matches it; it is looked
    /// at again every `jobCompletionDelay` (at least 100 ms), so a later rule for it, or removing the
    /// rules, lets it finish.
    public var hold: Bool

    /// Creates an outcome; the exit code defaults to 0 on success and 1 on failure.
    public init(succeed: Bool, exitCode: Int? = nil, message: String = "", hold: Bool = false) {
        self.succeed = succeed
        self.exitCode = exitCode ?? (succeed ? 0 : 1)
        self.message = message
        self.hold = hold
    }
}
