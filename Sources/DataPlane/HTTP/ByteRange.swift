/// A single `Range: bytes=…` request resolved against a file size (RFC 9110 §14.1.2).
enum ByteRange: Equatable {
    /// No usable Range header: send the whole file.
    case whole
    /// Send these bytes with 206.
    case partial(ClosedRange<Int64>)
    /// 416: nothing of the file matches.
    case unsatisfiable

    /// Resolves the header. Multiple ranges and malformed headers are ignored (the whole file is
    /// sent), as the RFC allows.
    init(header: String?, size: Int64) {
        guard let header, header.hasPrefix("bytes="), !header.contains(",") else { self = .whole; return }
        let spec = header.dropFirst(6).trimmingPrefixSpaces()
        guard let dash = spec.firstIndex(of: "-") else { self = .whole; return }
        let startText = spec[..<dash], endText = spec[spec.index(after: dash)...]
        if startText.isEmpty {
            guard let suffix = Int64(endText), suffix >= 0 else { self = .whole; return }
            guard suffix > 0, size > 0 else { self = .unsatisfiable; return }
            self = .partial(max(0, size - suffix)...(size - 1))
            return
        }
        guard let start = Int64(startText), start >= 0 else { self = .whole; return }
        let end: Int64
        if endText.isEmpty { end = size - 1 } else {
            guard let parsed = Int64(endText), parsed >= start else { self = .whole; return }
            end = min(parsed, size - 1)
        }
        guard start < size else { self = .unsatisfiable; return }
        self = .partial(start...end)
    }
}

private extension Substring {
    func trimmingPrefixSpaces() -> Substring { drop { $0 == " " } }
}
