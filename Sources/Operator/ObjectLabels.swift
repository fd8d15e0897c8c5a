/// The standard `app.kubernetes.io/*` labels of a cluster's objects.
public enum ObjectLabels {
    /// `app.kubernetes.io/name`.
    public static let nameKey = "app.kubernetes.io/name"
    /// `app.kubernetes.io/instance`.
    public static let instanceKey = "app.kubernetes.io/instance"
    /// `app.kubernetes.io/component`.
    public static let componentKey = "app.kubernetes.io/component"
    /// `app.kubernetes.io/managed-by`.
    public static let managedByKey = "app.kubernetes.io/managed-by"
    /// `app.kubernetes.io/part-of`.
    public static let partOfKey = "app.kubernetes.io/part-of"
    /// The value of `name` and `part-of`.
    public static let appName = "filewallball"
    /// The value of `managed-by`.
    public static let managedBy = "filewallball-controller"

    /// All five labels of an object of `component`.
    public static func labels(cluster: String, component: ClusterComponent) -> [String: String] {
        selector(cluster: cluster, component: component).merging(
            [managedByKey: managedBy, partOfKey: appName]) { current, _ in current }
    }

    /// The immutable selector of a component's pods: name, instance and component only.
    public static func selector(cluster: String, component: ClusterComponent) -> [String: String] {
        [nameKey: appName, instanceKey: cluster, componentKey: component.rawValue]
    }

    /// The selector as `kubectl get -l` writes it (keys sorted), e.g. for `status.selector`.
    public static func selectorString(cluster: String, component: ClusterComponent) -> String {
        selector(cluster: cluster, component: component).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}
