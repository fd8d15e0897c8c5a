/// Checks on a stored Argon2id PHC string before libargon2 sees it.
enum PHCString {
    /// Highest memory cost accepted from a stored hash, in KiB (256 MiB).
    static let maxMemoryKiB: UInt32 = 262_144

    /// True for `$argon2id$v=19$m=..,t=..,p=..$salt$hash` with costs this process is willing to pay
    /// (8 KiB <= m <= 256 MiB, 1 <= t <= 10, 1 <= p <= 8).
    static func acceptable(_ stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 5, parts[0] == "argon2id", parts[1] == "v=19" else { return false }
        var params: [Substring: UInt32] = [:]
        for item in parts[2].split(separator: ",") {
            let kv = item.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, let value = UInt32(kv[1]) else { return false }
            params[kv[0]] = value
        }
        guard let m = params["m"], let t = params["t"], let p = params["p"] else { return false }
        return (8...maxMemoryKiB).contains(m) && (1...10).contains(t) && (1...8).contains(p)
    }
}
