/// A stable digest of configuration text, put on pod templates so a changed ConfigMap rolls the pods.
public enum ConfigHash {
    /// Annotation on a pod template naming the digest of the configuration its pods read.
    public static let annotation = "filewallball.io/config-hash"

    /// 64-bit FNV-1a of the UTF-8 text as 16 hex digits (change detection, not security).
    public static func digest(_ text: String) -> String { digest(bytes: text.utf8) }

    /// 64-bit FNV-1a of the bytes as 16 hex digits.
    public static func digest(bytes: some Sequence<UInt8>) -> String {
        let hex = String(fnv1a(bytes: bytes), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// 64-bit FNV-1a of the bytes.
    public static func fnv1a(bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
