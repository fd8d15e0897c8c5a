import Foundation

/// A status condition that `setCondition` can maintain: a type, a status whose changes are transitions,
/// and the transition time. KubeClient's `Condition` conforms; an operator's own Codable condition type
/// conforms with three forwarding properties.
public protocol TransitionCondition: Equatable {
    /// The condition type, unique in a list.
    var conditionType: String { get }
    /// The status (`True`, `False`, `Unknown`); a change of it is a transition.
    var conditionStatus: String { get }
    /// `lastTransitionTime` (RFC 3339).
    var conditionTransitionTime: String? { get set }
}

extension Condition: TransitionCondition {
    /// `type` (empty when missing).
    public var conditionType: String { type ?? "" }
    /// `status` (empty when missing).
    public var conditionStatus: String { status ?? "" }
    /// `lastTransitionTime`.
    public var conditionTransitionTime: String? {
        get { lastTransitionTime }
        set { lastTransitionTime = newValue }
    }

    /// Creates a condition (lastTransitionTime is filled by `setCondition`).
    public init(type: String, status: String, reason: String, message: String, observedGeneration: Int? = nil) {
        self.init(object: [:])
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.observedGeneration = observedGeneration
    }
}

extension Array where Element: TransitionCondition {
    /// The condition of this type, if any.
    public func condition(ofType type: String) -> Element? { first { $0.conditionType == type } }

    /// Puts `condition` in place of the one of the same type (or appends it). `lastTransitionTime` is kept
    /// when the status is unchanged (reason, message and the rest are still updated) and set to `now` when
    /// the status changed or the type is new. Returns whether the list changed (so an unchanged status
    /// need not be written).
    @discardableResult
    public mutating func setCondition(_ condition: Element, now: Date) -> Bool {
        var updated = condition
        guard let index = firstIndex(where: { $0.conditionType == condition.conditionType }) else {
            updated.conditionTransitionTime = KubeTime.format(now)
            append(updated)
            return true
        }
        let existing = self[index]
        if existing.conditionStatus == condition.conditionStatus, let kept = existing.conditionTransitionTime {
            updated.conditionTransitionTime = kept
        } else {
            updated.conditionTransitionTime = KubeTime.format(now)
        }
        guard updated != existing else { return false }
        self[index] = updated
        return true
    }

    /// `setCondition(_:now:)` with the clock's wall time.
    @discardableResult
    public mutating func setCondition(_ condition: Element, clock: any KubeClock) -> Bool {
        setCondition(condition, now: clock.wallNow)
    }

    /// Removes the condition of this type; returns whether one was there.
    @discardableResult
    public mutating func removeCondition(ofType type: String) -> Bool {
        let before = count
        removeAll { $0.conditionType == type }
        return count != before
    }
}
