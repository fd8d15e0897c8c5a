import Foundation
import KubeClient

/// Converts between the API types' Codable form and KubeJSON values (spec and status of the custom
/// resources travel as `JSONValue` in KubeClient's objects).
public enum JSONCoding {
    /// Why a value could not be converted; `path` names the member (`spec`, `status`).
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The member that failed.
        public var path: String
        /// What the decoder or encoder said.
        public var detail: String
        /// `path: detail`.
        public var description: String { "\(path): \(detail)" }
    }

    /// Decodes a member of an object (an absent member decodes as `{}`).
    public static func decode<T: Decodable>(_ type: T.Type, from object: JSONObject, member: String) throws(Failure) -> T {
        let value = object[member] ?? .object([:])
        do {
            return try JSONDecoder().decode(T.self, from: Data(JSONWriter.encode(value)))
        } catch {
            throw Failure(path: member, detail: describe(error))
        }
    }

    /// Encodes a value as a KubeJSON value (keys sorted, nil members omitted).
    public static func encode<T: Encodable>(_ value: T, path: String = "value") throws(Failure) -> JSONValue {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return try JSONParser.parse(encoder.encode(value))
        } catch {
            throw Failure(path: path, detail: "\(error)")
        }
    }

    /// A decoding error as one line naming the field (`spec.app.replicas: expected Int`).
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context.codingPath)): missing \(type)"
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])): required"
        case .dataCorrupted(let context): return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
