import Foundation

/// Patch body formats.
enum PatchType: Sendable {
    case merge, json, strategic, apply

    init?(contentType: String) {
        let base = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch base {
        case "application/merge-patch+json": self = .merge
        case "application/json-patch+json": self = .json
        case "application/strategic-merge-patch+json": self = .strategic
        case "application/apply-patch+yaml", "application/apply-patch+json", "application/apply-patch+cbor": self = .apply
        default: return nil
        }
    }
}
