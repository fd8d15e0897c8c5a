import Foundation
import KubeClient

/// What the local kubelet knows about one container, rendered as a `containerStatuses` entry.
struct ContainerRecord: Sendable {
    /// Terminated state.
    struct Termination: Sendable {
        var exitCode: Int32
        var reason: String
        var message: String?
        var startedAt: Date
        var finishedAt: Date
    }

    /// Current state.
    enum State: Sendable {
        case waiting(reason: String, message: String?)
        case running(startedAt: Date, pid: Int32)
        case terminated(Termination)
    }

    var name: String
    var image: String
    var state: State = .waiting(reason: "ContainerCreating", message: nil)
    var lastTermination: Termination?
    var restartCount = 0
    var ready = false

    var isRunning: Bool {
        if case .running = state { return true }
        return false
    }

    var hasStarted: Bool {
        switch state {
        case .running, .terminated: return true
        case .waiting: return lastTermination != nil
        }
    }

    var termination: Termination? {
        if case .terminated(let value) = state { return value }
        return nil
    }

    /// The `containerStatuses` entry.
    var json: JSONValue {
        var status: JSONObject = [
            "name": .string(name), "image": .string(image), "imageID": .string("filewallball-dev://\(image)"),
            "ready": .bool(ready), "restartCount": .int(Int64(restartCount)), "started": .bool(isRunning),
        ]
        switch state {
        case .waiting(let reason, let message):
            var waiting: JSONObject = ["reason": .string(reason)]
            if let message { waiting["message"] = .string(message) }
            status["state"] = .object(["waiting": .object(waiting)])
        case .running(let startedAt, let pid):
            status["state"] = .object(["running": .object(["startedAt": .string(KubeTime.format(startedAt))])])
            status["containerID"] = .string("filewallball-dev://\(pid)")
        case .terminated(let termination):
            status["state"] = .object(["terminated": Self.json(termination)])
        }
        if let lastTermination { status["lastState"] = .object(["terminated": Self.json(lastTermination)]) } else { status["lastState"] = .object([:]) }
        return .object(status)
    }

    private static func json(_ termination: Termination) -> JSONValue {
        var object: JSONObject = [
            "exitCode": .int(Int64(termination.exitCode)), "reason": .string(termination.reason),
            "startedAt": .string(KubeTime.format(termination.startedAt)), "finishedAt": .string(KubeTime.format(termination.finishedAt)),
        ]
        if let message = termination.message, !message.isEmpty { object["message"] = .string(message) }
        return .object(object)
    }
}
