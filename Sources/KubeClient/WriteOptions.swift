/// Options for create/update/patch.
public struct WriteOptions: Sendable, Equatable {
    /// Field manager name recorded in managedFields.
    public var fieldManager: String?
    /// Validate and return the result without persisting.
    public var dryRun: Bool

    /// Creates write options.
    public init(fieldManager: String? = nil, dryRun: Bool = false) {
        self.fieldManager = fieldManager
        self.dryRun = dryRun
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let fieldManager { items.append(("fieldManager", fieldManager)) }
        if dryRun { items.append(("dryRun", "All")) }
        return items
    }
}
