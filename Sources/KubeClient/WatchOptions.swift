/// Options for a single watch request.
public struct WatchOptions: Sendable, Equatable {
    /// Label selector.
    public var labelSelector: String?
    /// Field selector.
    public var fieldSelector: String?
    /// Start after this resourceVersion.
    public var resourceVersion: String?
    /// Ask for BOOKMARK events.
    public var allowWatchBookmarks: Bool
    /// Server-side watch duration.
    public var timeoutSeconds: Int?

    /// Creates watch options.
    public init(labelSelector: String? = nil, fieldSelector: String? = nil, resourceVersion: String? = nil, allowWatchBookmarks: Bool = true, timeoutSeconds: Int? = nil) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.resourceVersion = resourceVersion
        self.allowWatchBookmarks = allowWatchBookmarks
        self.timeoutSeconds = timeoutSeconds
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = [("watch", "true")]
        if let labelSelector { items.append(("labelSelector", labelSelector)) }
        if let fieldSelector { items.append(("fieldSelector", fieldSelector)) }
        if let resourceVersion { items.append(("resourceVersion", resourceVersion)) }
        if allowWatchBookmarks { items.append(("allowWatchBookmarks", "true")) }
        if let timeoutSeconds { items.append(("timeoutSeconds", String(timeoutSeconds))) }
        return items
    }
}
