/// One page of a list.
public struct ResourceList<R: KubeObject>: Sendable {
    /// The objects.
    public var items: [R]
    /// The list's resourceVersion (start a watch here).
    public var resourceVersion: String?
    /// Token for the next page, nil on the last page.
    public var continueToken: String?
    /// Server's estimate of items left.
    public var remainingItemCount: Int?
}
