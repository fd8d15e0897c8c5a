import Foundation
import Synchronization

/// Temp files of uploads whose content was already stored, kept for the next upload to overwrite: no
/// inode freed now and another allocated next, and the next upload writes into blocks and page-cache
/// pages that are already there instead of allocating them (and freeing them again on truncate).
///
/// On ext4 without a journal (seen on the build machines) allocating an inode walks past every inode
/// freed in the last minutes, one by one: with many uploads of known content each freeing its temp
/// file, creating the next one cost 0.3-0.8 ms of CPU, 12-18 % of serve's CPU per upload.
/// A spare is named like any temp file of this process, so a crash leaves only what the start-up
/// cleanup already removes; files over `maxSpareBytes` are not kept, so spares hold little disk.
final class SpareTempFiles: Sendable {
    /// At most this many spares are kept; beyond it temp files are unlinked as before.
    static let capacity = 32
    /// Larger temp files are unlinked rather than kept.
    static let maxSpareBytes: Int64 = 8 << 20

    private let paths = Mutex<[String]>([])

    /// A spare path, or nil when there is none.
    func take() -> String? {
        paths.withLock { $0.popLast() }
    }

    /// Keeps the file at `path` (`size` bytes) for reuse, or unlinks it when it is large or enough
    /// spares are kept already. Blocking (it may unlink).
    func recycle(_ path: String, size: Int64) {
        let kept = size <= Self.maxSpareBytes && paths.withLock { spares -> Bool in
            guard spares.count < Self.capacity else { return false }
            spares.append(path)
            return true
        }
        if !kept { unlink(path) }
    }
}
