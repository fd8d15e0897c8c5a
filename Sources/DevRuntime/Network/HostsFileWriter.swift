import Foundation

/// Errors writing a hosts file.
public enum HostsFileError: Error, Sendable, Equatable {
    /// open/write failed with this errno.
    case io(path: String, operation: String, errno: Int32)
}

/// Writes hosts files in place: the same inode (they are bind-mounted read-only into sandboxes, where a
/// rename would not be seen), the whole content in one `pwrite` at offset 0. A file never shrinks: shorter
/// content is padded with a trailing comment line to the old length, so a reader sees the old or the new
/// content, never a half-written or truncated one.
enum HostsFileWriter {
    /// Writes `content` to `path` (created 0644 when missing); returns the bytes written.
    @discardableResult
    static func write(_ content: String, to path: String) throws(HostsFileError) -> Int {
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw HostsFileError.io(path: path, operation: "open", errno: errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw HostsFileError.io(path: path, operation: "fstat", errno: errno) }
        let bytes = padded(Array(content.utf8), toAtLeast: Int(st.st_size))
        let written = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        guard written == bytes.count else { throw HostsFileError.io(path: path, operation: "pwrite", errno: written < 0 ? errno : EIO) }
        return written
    }

    /// `bytes`, followed when shorter than `length` by a comment line of spaces ending in a newline.
    static func padded(_ bytes: [UInt8], toAtLeast length: Int) -> [UInt8] {
        guard bytes.count < length else { return bytes }
        var out = bytes
        if out.last != 0x0A { out.append(0x0A) }
        guard out.count < length else { return out }
        let fill = length - out.count
        if fill == 1 { return out + [0x0A] }
        out.append(0x23)
        out.append(contentsOf: repeatElement(0x20, count: fill - 2))
        out.append(0x0A)
        return out
    }
}
