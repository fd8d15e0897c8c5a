import Foundation

/// The IPv4 range Service cluster IPs are allocated from (kube-apiserver's `--service-cluster-ip-range`).
///
/// The network and broadcast addresses are never handed out, like the real allocator.
public struct ServiceIPRange: Sendable, Equatable, CustomStringConvertible {
    /// The network address as a 32-bit number (host bits zero).
    public let network: UInt32
    /// The prefix length (8 … 30).
    public let prefixLength: Int

    /// kube-apiserver's default range, `10.96.0.0/12`.
    public static let kubernetesDefault = ServiceIPRange(network: 0x0A60_0000, prefixLength: 12)

    private init(network: UInt32, prefixLength: Int) {
        self.network = network
        self.prefixLength = prefixLength
    }

    /// Parses `A.B.C.D/N`; the host bits must be zero and N between 8 and 30.
    public init(parsing text: String) throws(KubeSimError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = Self.parseIPv4(String(parts[0])), let n = Int(parts[1]), (8...30).contains(n) else {
            throw KubeSimError(code: "invalid_service_cidr", message: "service CIDR must be an IPv4 A.B.C.D/N with 8 <= N <= 30, got \(text)")
        }
        let mask = UInt32.max << UInt32(32 - n)
        guard address & ~mask == 0 else {
            throw KubeSimError(code: "invalid_service_cidr", message: "service CIDR \(text) has host bits set")
        }
        self.init(network: address, prefixLength: n)
    }

    /// `A.B.C.D/N`.
    public var description: String { "\(Self.format(network))/\(prefixLength)" }

    private var mask: UInt32 { UInt32.max << UInt32(32 - prefixLength) }
    /// The first address that may be handed out (network + 1).
    var first: UInt32 { network + 1 }
    /// The last address that may be handed out (broadcast - 1).
    var last: UInt32 { (network | ~mask) - 1 }

    /// True when `address` is an allocatable address of this range.
    func contains(_ address: UInt32) -> Bool { address >= first && address <= last }

    /// A free address (random start, then the next free one, as the real bitmap allocator does), or nil when
    /// every address is taken.
    func allocate(avoiding used: Set<UInt32>) -> UInt32? {
        let size = Int(last - first) + 1
        guard used.count < size else { return nil }
        let start = Int.random(in: 0..<size)
        for step in 0..<size {
            let candidate = first + UInt32((start + step) % size)
            if !used.contains(candidate) { return candidate }
        }
        return nil
    }

    /// Parses a dotted-quad IPv4 address (no leading zeros, like Go's netip); nil otherwise.
    static func parseIPv4(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for o in octets {
            guard !o.isEmpty, o.count <= 3, o.allSatisfy(\.isASCII), let n = UInt32(o), n <= 255 else { return nil }
            if o.count > 1, o.first == "0" { return nil }
            value = value << 8 | n
        }
        return value
    }

    /// Dotted-quad text of an address.
    static func format(_ address: UInt32) -> String {
        "\(address >> 24).\(address >> 16 & 0xFF).\(address >> 8 & 0xFF).\(address & 0xFF)"
    }
}
