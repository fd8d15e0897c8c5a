/// Options for list calls.
public struct ListOptions: Sendable, Equatable {
    /// Label selector such as `app=web,tier!=db`.
    public var labelSelector: String?
    /// Field selector such as `metadata.name=x`.
    public var fieldSelector: String?
    /// Page size.
    public var limit: Int?
    /// Continue token from the previous page.
    public var continueToken: String?
    /// resourceVersion semantics for the list.
    public var resourceVersion: String?

    /// Creates list options.
    public init(labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil, continueToken: String? = nil, resourceVersion: String? = nil) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let labelSelector { items.append(("labelSelector", labelSelector)) }
        if let fieldSelector { items.append(("fieldSelector", fieldSelector)) }
        if let limit { items.append(("limit", String(limit))) }
        if let continueToken { items.append(("continue", continueToken)) }
        if let resourceVersion { items.append(("resourceVersion", resourceVersion)) }
        return items
    }
}
