import Foundation

/// How unknown fields in a write are treated (`fieldValidation` query parameter).
public enum FieldValidation: String, Sendable {
    case strict = "Strict"
    case warn = "Warn"
    case ignore = "Ignore"
}

/// Options common to every write.
struct WriteOptions: Sendable {
    var fieldManager: String?
    var dryRun = false
    var fieldValidation: FieldValidation = .warn
    var subresource: String?
    var now: Date
    var force = false
}

/// The outcome of a write.
struct WriteResult: Sendable {
    var object: JSONValue
    var created: Bool
    var warnings: [String] = []
}
