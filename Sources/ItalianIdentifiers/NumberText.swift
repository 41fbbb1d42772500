/// Splits the textual body of an Italian-style number (digits, `.` and `,` only, no sign) into an integer part
/// and a fraction part, shared by ``Money`` and ``ItalianNumber``.
///
/// Rules:
/// - a comma is always the decimal separator (at most one);
/// - dots are thousands separators when they split the integer part into groups of exactly 3 digits after a
///   first group of 1–3 digits not starting with 0 (`1.500`, `12.345.678`);
/// - otherwise a single dot is a decimal point, subject to ``DotRule``.
enum NumberText {
    /// How a single dot that is not a thousands separator is interpreted.
    enum DotRule {
        /// A single dot is a decimal point only when followed by exactly 2 digits (amounts of money).
        case exactlyTwoDecimals
        /// A single dot followed by at least one digit is a decimal point.
        case anyDecimals
    }

    /// The result of splitting: digits only.
    struct Parts {
        var integer: [UInt8]
        var fraction: [UInt8]
    }

    enum Failure: Error {
        /// Characters or separators in the wrong place.
        case format
        /// A single dot that cannot be read as thousands or (under the rule) decimal separator.
        case ambiguousDot
    }

    static let dot = UInt8(ascii: ".")
    static let comma = UInt8(ascii: ",")

    static func split(_ body: [UInt8], dotRule: DotRule) -> Result<Parts, Failure> {
        guard !body.isEmpty, body.allSatisfy({ ASCII.isDigit($0) || $0 == dot || $0 == comma }) else {
            return .failure(.format)
        }
        let commas = body.indices.filter { body[$0] == comma }
        if commas.count > 1 { return .failure(.format) }
        if let commaIndex = commas.first {
            let integerText = Array(body[..<commaIndex])
            let fraction = Array(body[(commaIndex + 1)...])
            guard !fraction.isEmpty, fraction.allSatisfy(ASCII.isDigit),
                let integer = integerDigits(integerText)
            else { return .failure(.format) }
            return .success(Parts(integer: integer, fraction: fraction))
        }
        let dots = body.indices.filter { body[$0] == dot }
        if dots.isEmpty { return .success(Parts(integer: body, fraction: [])) }
        if isGrouped(body) { return .success(Parts(integer: body.filter { $0 != dot }, fraction: [])) }
        guard dots.count == 1 else { return .failure(.format) }
        let integer = Array(body[..<dots[0]])
        let fraction = Array(body[(dots[0] + 1)...])
        guard !integer.isEmpty, !fraction.isEmpty else { return .failure(.format) }
        switch dotRule {
        case .exactlyTwoDecimals where fraction.count != 2:
            return .failure(.ambiguousDot)
        default:
            return .success(Parts(integer: integer, fraction: fraction))
        }
    }

    /// The digits of an integer part written either plainly (`1500`) or with dot groups (`1.500`).
    private static func integerDigits(_ text: [UInt8]) -> [UInt8]? {
        guard !text.isEmpty else { return nil }
        if text.allSatisfy(ASCII.isDigit) { return text }
        return isGrouped(text) ? text.filter { $0 != dot } : nil
    }

    /// Whether `text` matches `[1-9][0-9]{0,2}(\.[0-9]{3})+`.
    static func isGrouped(_ text: [UInt8]) -> Bool {
        let groups = text.split(separator: dot, omittingEmptySubsequences: false)
        guard groups.count >= 2, let first = groups.first, (1...3).contains(first.count),
            first.first != UInt8(ascii: "0")
        else { return false }
        return groups.allSatisfy { $0.allSatisfy(ASCII.isDigit) }
            && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// Inserts a dot every three digits from the right: `1500000` → `1.500.000`.
    static func groupThousands(_ digits: String) -> String {
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(".") }
            result.append(character)
        }
        return result
    }

    /// The scalars of `text` after ``TypedText/normalized(_:multiline:)``: no invisible characters, every space
    /// a U+0020, trimmed.
    static func scalars(_ text: String) -> ArraySlice<Unicode.Scalar> {
        Array(TypedText.normalized(text).unicodeScalars)[...]
    }

    /// Removes surrounding white space and a leading sign (`-`, `+` or the minus sign U+2212) from a list of
    /// scalars, returning whether the sign was negative.
    static func stripSign(_ scalars: inout ArraySlice<Unicode.Scalar>) -> Bool? {
        trim(&scalars)
        guard let first = scalars.first else { return nil }
        switch first {
        case "-", "\u{2212}":
            scalars.removeFirst()
            trim(&scalars)
            return true
        case "+":
            scalars.removeFirst()
            trim(&scalars)
            return false
        default:
            return nil
        }
    }

    /// Removes white space at both ends (left between a sign or a currency and the digits).
    static func trim(_ scalars: inout ArraySlice<Unicode.Scalar>) {
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    }

    /// Maps scalars to ASCII bytes, using ``ASCII/invalid`` for anything else.
    static func bytes(_ scalars: ArraySlice<Unicode.Scalar>) -> [UInt8] {
        scalars.map { $0.isASCII ? UInt8($0.value) : ASCII.invalid }
    }
}
