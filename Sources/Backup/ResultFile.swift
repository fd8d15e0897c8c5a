import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `--result-file` of `backup` and `restore`: the run's final JSON document, written at exit for a
/// controller to read. A Job passes `/dev/termination-log`, so the document becomes the container's
/// termination message, which Kubernetes cuts at 4096 bytes.
///
/// # Guarantees
/// - What is written is always one valid JSON object of at most `limit` bytes: a document that would be
///   longer is reduced, never cut (see `fitted`).
/// - The file is rewritten in place (open with `O_TRUNC`, write, fsync): `/dev/termination-log` is a
///   bind-mounted file, and a rename onto a mount point fails.
public struct ResultFile: Sendable {
    /// The most bytes Kubernetes keeps of a termination message.
    public static let limit = 4096
    /// Keys a reduction never removes (strings among them are at most shortened to 256 characters).
    public static let essentialKeys: Set<String> = ["status", "code", "reason", "exit_code", "name", "restored",
                                                   "safety_backup", "origin", "taken_at", "verified", "count"]

    /// Where the document goes.
    public let path: String

    /// A result file at `path`.
    public init(path: String) { self.path = path }

    /// Writes `json` (reduced by `fitted` when longer than `limit`); throws `ioFailed` when it cannot.
    public func write(_ json: Data) throws {
        let bytes = Self.fitted(json)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BackupError(.ioFailed, reason: "result_file", "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress.map { $0 + offset }, bytes.count - offset) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw BackupError(.ioFailed, reason: "result_file", "cannot write \(path): \(String(cString: strerror(errno)))") }
            offset += written
        }
        _ = fsync(fd)
    }

    /// `json` itself when it fits in `limit` bytes (or is not a JSON object); otherwise the same object
    /// reduced until it fits, with `"truncated": true`, in this order: arrays lose elements from their
    /// end (largest array first; lists are newest first, so the oldest entries go), then the longest
    /// non-essential strings are shortened (ending in "…"), then only `essentialKeys` are kept.
    public static func fitted(_ json: Data, limit: Int = limit) -> Data {
        guard json.count > limit else { return json }
        guard var object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            return Data(#"{"status":"error","code":"internal_error","reason":"result_too_large","truncated":true}"#.utf8)
        }
        object["truncated"] = true
        if let done = trimArrays(&object, limit: limit) { return done }
        if let done = shortenStrings(&object, limit: limit) { return done }
        var essential = object.filter { essentialKeys.contains($0.key) || $0.key == "truncated" }
        for (key, value) in essential { if let text = value as? String, text.count > 256 { essential[key] = String(text.prefix(255)) + "…" } }
        if let data = serialize(essential), data.count <= limit { return data }
        return serialize(["status": object["status"] ?? "error", "truncated": true]) ?? Data("{}".utf8)
    }

    /// Drops trailing elements of the top-level arrays, largest array first, until the object fits.
    private static func trimArrays(_ object: inout [String: Any], limit: Int) -> Data? {
        var arrays: [(key: String, array: [Any], size: Int)] = []
        for (key, value) in object {
            if let array = value as? [Any] { arrays.append((key, array, serialize(array)?.count ?? 0)) }
        }
        arrays.sort { ($0.size, $0.key) > ($1.size, $1.key) }
        for (key, array, _) in arrays {
            // The longest prefix that fits, by bisection over the kept count.
            var low = 0
            var high = array.count
            while low < high {
                let mid = (low + high + 1) / 2
                object[key] = Array(array.prefix(mid))
                if let data = serialize(object), data.count <= limit { low = mid } else { high = mid - 1 }
            }
            object[key] = Array(array.prefix(low))
            if let data = serialize(object), data.count <= limit { return data }
        }
        return nil
    }

    /// Shortens the longest non-essential strings, one at a time, to the longest prefix (in characters,
    /// so UTF-8 stays whole) with which the object fits.
    private static func shortenStrings(_ object: inout [String: Any], limit: Int) -> Data? {
        var candidates: [(key: String, text: String)] = []
        for (key, value) in object where !essentialKeys.contains(key) {
            if let text = value as? String, text.count > 16 { candidates.append((key, text)) }
        }
        candidates.sort { ($0.text.utf8.count, $0.key) > ($1.text.utf8.count, $1.key) }
        for (key, text) in candidates {
            let characters = Array(text)
            var low = 0
            var high = characters.count - 1
            while low < high {
                let mid = (low + high + 1) / 2
                object[key] = String(characters.prefix(mid)) + "…"
                if let data = serialize(object), data.count <= limit { low = mid } else { high = mid - 1 }
            }
            object[key] = String(characters.prefix(low)) + "…"
            if let data = serialize(object), data.count <= limit { return data }
        }
        return nil
    }

    /// Compact, key-sorted JSON (the stdout format of the commands).
    private static func serialize(_ value: Any) -> Data? {
        try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
    }
}
