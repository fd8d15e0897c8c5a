import Foundation

/// Random (version 4) UUIDs for file and upload ids and temp file names.
///
/// Foundation's `UUID()` on Linux opens, reads and closes /dev/urandom for every id; this draws the
/// same 122 random bits from the system generator (`getrandom`) in one call.
enum RandomID {
    /// A new random UUID in lower case, e.g. `3f2b…-…`.
    static func uuidString() -> String {
        var generator = SystemRandomNumberGenerator()
        var bits = (generator.next() as UInt64, generator.next() as UInt64)
        return withUnsafeMutableBytes(of: &bits) { raw -> String in
            raw[6] = (raw[6] & 0x0F) | 0x40  // version 4
            raw[8] = (raw[8] & 0x3F) | 0x80  // RFC 9562 variant
            let uuid = UUID(uuid: (
                raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7],
                raw[8], raw[9], raw[10], raw[11], raw[12], raw[13], raw[14], raw[15]
            ))
            return uuid.uuidString.lowercased()
        }
    }
}
