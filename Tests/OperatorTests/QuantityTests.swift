import Testing
@testable import Operator

@Suite struct QuantityTests {
    static let valid: [(String, Int64)] = [
        ("0", 0), ("1", 1), ("512", 512), ("1Ki", 1024), ("10Gi", 10 * 1_073_741_824), ("3Mi", 3 * 1_048_576),
        ("2Ti", 2 * 1_099_511_627_776), ("1Pi", 1 << 50), ("1Ei", 1 << 60), ("1k", 1000), ("5M", 5_000_000), ("10G", 10_000_000_000),
        ("1T", 1_000_000_000_000), ("1.5Gi", 1_610_612_736), ("0.5Ki", 512), ("1e3", 1000), ("2E6", 2_000_000), ("2000m", 2),
    ]

    @Test(arguments: valid)
    func parses(text: String, bytes: Int64) throws {
        #expect(try Quantity.bytes(text) == bytes)
    }

    static let invalid: [(String, String)] = [("0.5", "fractional_bytes"), ("1m", "fractional_bytes"), ("1.3Ki", "fractional_bytes"),
                      ("", "invalid_quantity"), ("Gi", "invalid_quantity"), ("10GB", "invalid_quantity"), ("-1Gi", "invalid_quantity"),
                      ("1..2", "invalid_quantity"), ("1.", "invalid_quantity"), ("10 Gi", "invalid_quantity"), ("1e19", "invalid_quantity"),
                      ("8Ei", "quantity_too_large"), ("99999999999999999999", "quantity_too_large")]

    @Test(arguments: invalid)
    func refuses(text: String, code: String) {
        #expect(throws: QuantityError(code: code, quantity: text)) { try Quantity.bytes(text) }
    }
}
