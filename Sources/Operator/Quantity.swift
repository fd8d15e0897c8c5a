/// Kubernetes resource quantities (`10Gi`, `500M`, `1.5Ki`, `1e3`) as whole numbers of bytes.
public enum Quantity {
    /// The number of bytes a quantity stands for; throws on syntax errors, overflow, negative values and
    /// quantities that are not a whole number of bytes (`0.5`, `1m`).
    public static func bytes(_ text: String) throws(QuantityError) -> Int64 {
        let (number, suffix) = split(text)
        guard !number.isEmpty else { throw QuantityError(code: "invalid_quantity", quantity: text) }
        let (numerator, denominator) = try scale(for: suffix, in: text)
        let (mantissa, fractionScale) = try parseDecimal(number, in: text)
        // value = mantissa * numerator / (fractionScale * denominator), exactly.
        let (product, overflow) = mantissa.multipliedReportingOverflow(by: numerator)
        guard !overflow else { throw QuantityError(code: "quantity_too_large", quantity: text) }
        let (divisor, divisorOverflow) = fractionScale.multipliedReportingOverflow(by: denominator)
        guard !divisorOverflow else { throw QuantityError(code: "invalid_quantity", quantity: text) }
        guard product % divisor == 0 else { throw QuantityError(code: "fractional_bytes", quantity: text) }
        return product / divisor
    }

    /// Splits `10Gi` into `10` and `Gi`; a decimal exponent (`1e3`, `2E6`) stays a suffix.
    private static func split(_ text: String) -> (Substring, Substring) {
        let characters = Substring(text)
        let end = characters.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? characters.endIndex
        return (characters[..<end], characters[end...])
    }

    /// The suffix as numerator/denominator of its multiplier.
    private static func scale(for suffix: Substring, in text: String) throws(QuantityError) -> (Int64, Int64) {
        let binary: [Substring: Int64] = ["Ki": 1 << 10, "Mi": 1 << 20, "Gi": 1 << 30, "Ti": 1 << 40, "Pi": 1 << 50, "Ei": 1 << 60]
        let decimal: [Substring: Int64] = ["": 1, "k": 1_000, "M": 1_000_000, "G": 1_000_000_000, "T": 1_000_000_000_000,
                                           "P": 1_000_000_000_000_000, "E": 1_000_000_000_000_000_000]
        if let multiplier = binary[suffix] ?? decimal[suffix] { return (multiplier, 1) }
        if suffix == "m" { return (1, 1_000) }
        if let first = suffix.first, first == "e" || first == "E" {
            guard let exponent = Int(suffix.dropFirst()), (0...18).contains(exponent) else {
                throw QuantityError(code: "invalid_quantity", quantity: text)
            }
            var multiplier: Int64 = 1
            for _ in 0..<exponent { multiplier *= 10 }
            return (multiplier, 1)
        }
        throw QuantityError(code: "invalid_quantity", quantity: text)
    }

    /// `12.50` as (1250, 100).
    private static func parseDecimal(_ number: Substring, in text: String) throws(QuantityError) -> (Int64, Int64) {
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCII) }), !(parts.first ?? "").isEmpty else {
            throw QuantityError(code: "invalid_quantity", quantity: text)
        }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || !fraction.isEmpty, fraction.count <= 18,
              let mantissa = Int64(parts[0] + fraction) else {
            throw QuantityError(code: parts[0].count > 18 ? "quantity_too_large" : "invalid_quantity", quantity: text)
        }
        var fractionScale: Int64 = 1
        for _ in 0..<fraction.count { fractionScale *= 10 }
        return (mantissa, fractionScale)
    }
}

/// A quantity that is not a whole, representable number of bytes.
public struct QuantityError: Error, Sendable, Equatable {
    /// Stable code: `invalid_quantity`, `quantity_too_large` or `fractional_bytes`.
    public var code: String
    /// The quantity as written.
    public var quantity: String

    /// Creates an error.
    public init(code: String, quantity: String) {
        self.code = code
        self.quantity = quantity
    }
}
