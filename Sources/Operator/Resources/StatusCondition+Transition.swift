import FileWallBallAPI
import Foundation
import KubeClient

/// The CRDs' condition type works with KubeClient's `setCondition` (lastTransitionTime kept while the
/// status does not change).
extension StatusCondition: TransitionCondition {
    /// `type`.
    public var conditionType: String { type }
    /// `status` as written (`True`, `False`, `Unknown`).
    public var conditionStatus: String { status.rawValue }
    /// `lastTransitionTime` (empty means not set yet).
    public var conditionTransitionTime: String? {
        get { lastTransitionTime.isEmpty ? nil : lastTransitionTime }
        set { lastTransitionTime = newValue ?? "" }
    }
}
