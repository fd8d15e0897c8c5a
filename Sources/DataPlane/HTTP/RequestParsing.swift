import Foundation
import Hummingbird

/// Pulls and validates what the file API reads from requests.
enum RequestParsing {
    /// The session token's hash from `Authorization: Bearer` or the `fwb_session` cookie; 401 otherwise.
    static func tokenHash(_ request: Request) throws -> String {
        if let header = try authorizationHeader(request.headers) {
            // "Bearer <token>", scheme matched case-insensitively without building new strings.
            let scheme = header.utf8.prefix(7)
            guard scheme.count == 7, scheme.last == 0x20, zip(scheme.prefix(6), "bearer".utf8).allSatisfy({ $0 | 0x20 == $1 }),
                  let hash = SessionToken.hash(header.dropFirst(7)) else {
                throw APIError.unauthorized
            }
            return hash
        }
        if let cookie = request.cookies["fwb_session"], let hash = SessionToken.hash(Substring(cookie.value)) {
            return hash
        }
        throw APIError.unauthorized
    }

    /// The Authorization header's value, nil when there is none; 401 when it is sent twice.
    ///
    /// (`HTTPFields`' own subscript joins repeated fields through generic code that looks up type
    /// metadata at run time: 1.3 % of serve's CPU on metadata GETs, for the one Authorization header.)
    private static func authorizationHeader(_ fields: HTTPFields) throws -> String? {
        var found: String?
        for field in fields where field.name == .authorization {
            guard found == nil else { throw APIError.unauthorized }
            found = field.value
        }
        return found
    }

    /// A file id from the path: a lower-case UUID; anything else is 400 `invalid_id`.
    static func fileID(_ raw: (some StringProtocol)?) throws -> String {
        // Canonical 8-4-4-4-12 hex form, any case, returned lower-cased (byte checks: this runs on
        // every file request).
        guard let raw, raw.utf8.count == 36 else { throw invalidID }
        var bytes = [UInt8]()
        bytes.reserveCapacity(36)
        for (index, byte) in raw.utf8.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { throw invalidID }
                bytes.append(byte)
            } else if hexValue(byte) != nil {
                bytes.append(byte >= 0x41 && byte <= 0x46 ? byte + 0x20 : byte)
            } else {
                throw invalidID
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let invalidID = APIError(.badRequest, "invalid_id", "file ids are UUIDs like 0b6f0c1e-8a2f-4f8e-9d55-3c1f0e7a9b21")

    /// The raw (still percent-encoded) value of query parameter `name`, or nil when absent.
    static func rawQueryValue(_ request: Request, _ name: String) -> Substring? {
        guard let query = request.uri.query else { return nil }
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if kv[0] == name { return kv.count > 1 ? kv[1] : "" }
        }
        return nil
    }

    /// Percent-decodes (and `+` → space) into bytes; nil on a broken escape.
    static func percentDecode(_ text: Substring) -> [UInt8]? {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let hi = iterator.next().flatMap(hexValue), let lo = iterator.next().flatMap(hexValue) else { return nil }
                out.append(hi << 4 | lo)
            case UInt8(ascii: "+"): out.append(UInt8(ascii: " "))
            default: out.append(byte)
            }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// The upload's file name from `?name=`: 1–255 characters (Unicode scalars, as JSON Schema's
    /// `maxLength` and the `VARCHAR(255)` column count them) of UTF-8, no control characters, no `/`,
    /// not `.` or `..` (`OpenAPIDocument.namePattern`). Each failure has its own message under code
    /// `invalid_name`.
    static func fileName(_ request: Request) throws -> String {
        guard let raw = rawQueryValue(request, "name") else { throw APIError.invalidName("the query parameter 'name' is required") }
        guard let bytes = percentDecode(raw) else { throw APIError.invalidName("'name' has a malformed percent-escape") }
        guard !bytes.isEmpty else { throw APIError.invalidName("'name' must not be empty") }
        guard let name = String(validating: bytes, as: UTF8.self) else { throw APIError.invalidName("'name' is not valid UTF-8") }
        let length = name.unicodeScalars.count
        guard length <= 255 else { throw APIError.invalidName("'name' is \(length) characters; the limit is 255") }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            throw APIError.invalidName("'name' must not contain control characters")
        }
        guard !name.contains("/") else { throw APIError.invalidName("'name' must not contain '/'") }
        guard name != ".", name != ".." else { throw APIError.invalidName("'name' must not be '.' or '..'") }
        return name
    }

    /// The stored content type: the request's, or `application/octet-stream`; at most 255 bytes.
    static func contentType(_ request: Request) throws -> String {
        guard let value = request.headers[.contentType], !value.isEmpty else { return "application/octet-stream" }
        guard value.utf8.count <= 255, value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) else {
            throw APIError(.badRequest, "invalid_content_type", "Content-Type must be printable ASCII of at most 255 bytes")
        }
        return value
    }

    /// A header that must be a non-negative decimal integer: ASCII digits only (the document's
    /// `^[0-9]+$`), nil otherwise; `Int64.max` when it has more digits than fit, so it is refused as too
    /// large or as not the expected offset rather than as malformed.
    static func decimalHeader(_ value: String?) -> Int64? {
        guard let value, !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int64(value) ?? .max
    }

    /// `limit` (1–1000, default 50).
    static func listLimit(_ request: Request) throws -> Int {
        guard let raw = rawQueryValue(request, "limit") else { return 50 }
        guard let value = Int(raw), (1...1000).contains(value) else {
            throw APIError(.badRequest, "invalid_limit", "limit must be an integer from 1 to 1000")
        }
        return value
    }

    /// `cursor` → the seq to continue below (empty or absent: the first page); 400 `invalid_cursor`
    /// when it is not one we issue.
    static func cursor(_ request: Request) throws -> UInt64? {
        guard let raw = rawQueryValue(request, "cursor"), !raw.isEmpty else { return nil }
        guard let seq = ListCursor.decode(raw) else {
            throw APIError(.badRequest, "invalid_cursor", "cursor is not one returned by this API")
        }
        return seq
    }
}

/// Opaque list cursors: unpadded base64url of `v1:<seq>`, seq in decimal without leading zeros.
///
/// Only the canonical encoding of a seq from 1 to `maxSeq` is accepted, so the accepted strings are
/// exactly those `pattern` (in the OpenAPI document) describes.
enum ListCursor {
    /// The largest seq a cursor carries: 17 decimal digits (the pattern's bound).
    static let maxSeq: UInt64 = 99_999_999_999_999_999

    /// Regular expression of every cursor `decode` accepts: "djE6" is base64 of "v1:"; each further
    /// group of four characters encodes three ASCII digits ('M'/'N'/'O' and the low bits of the first,
    /// the second's high bits in the third character, the third's low bits in the fourth), the first
    /// digit being 1–9; a tail encodes one or two more digits.
    static let pattern =
        "^djE6(?:M[Qgw]|N[AQgw]|O[AQ]|(?:M[Tjz]|N[DTjz]|O[DT])[AEIMQUYcgk](?:[w-z0-5]"
        + "(?:(?:[MN][DTjz]|O[DT])[AEIMQUYcgk][w-z0-5]){0,4}(?:[MN][AQgw]|O[AQ]|(?:[MN][DTjz]|O[DT])[AEIMQUYcgk])?)?)$"

    static func encode(_ seq: UInt64) -> String { SessionToken.base64URL(Array("v1:\(seq)".utf8)) }

    static func decode(_ text: Substring) -> UInt64? {
        var b64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b64.count % 4 != 0 { b64 += "=" }
        guard text.count <= 40, let data = Data(base64Encoded: b64),
              let string = String(data: data, encoding: .utf8), string.hasPrefix("v1:"),
              let seq = UInt64(string.dropFirst(3)), seq > 0, seq <= maxSeq,
              encode(seq) == text else { return nil }
        return seq
    }
}
