/// How a typed Italian number or amount reads `,`, `.`, spaces and apostrophes: one rule for ``ItalianNumber``
/// and ``Money`` (and so for ISEE amounts), written out for content authors in docs/FORMS.md.
///
/// - A comma is the decimal separator: at most one, with digits on both sides (`0,5`; not `,5` or `5,`).
/// - The integer part may group thousands with dots, spaces (NBSP included, after ``TypedText``) or apostrophes
///   (`'` or `’`), one kind per number: a first group of 1–3 digits not starting with 0, then groups of exactly 3
///   digits (`1.500`, `1 500`, `1'500`, `12.345.678`).
/// - Without a comma, a single dot that cannot be a thousands dot is a decimal point (`1.5`, `12.50`, `0.125`,
///   `1500.75`, `1'500.25`).
/// - A single dot followed by exactly 3 digits after a valid first group (`1.125`) reads both ways. When the value
///   may have 3 decimals (``ItalianNumber``) it is refused with a message offering both readings; when it may not
///   (``Money``: cents) it can only be the thousands dot, so `1.500` is 1500 €.
/// - Anything else — letters, `1e3`, two commas, misplaced groups — is a format error.
enum NumberText {
    /// The digits of a number: integer part (possibly with leading zeros) and fraction, without separators.
    struct Parts {
        var integer: [UInt8]
        var fraction: [UInt8]
    }

    static let dot = UInt8(ascii: ".")
    static let comma = UInt8(ascii: ",")
    static let apostrophe = UInt8(ascii: "'")
    static let space = UInt8(ascii: " ")

    /// Splits the body of a number (no sign, no currency) by the rule above.
    ///
    /// - Parameters:
    ///   - body: ASCII bytes from ``bytes(_:)``.
    ///   - maximumFractionDigits: the most decimals the value may have (2 for amounts), `nil` for any number.
    ///   - formatMessage: the type's own message for text that is not a number at all.
    /// - Throws: ``IdentifierError`` with code ``IdentifierError/Code/format``.
    static func split(_ body: [UInt8], maximumFractionDigits: Int?, formatMessage: String) throws(IdentifierError)
        -> Parts
    {
        let format = IdentifierError(code: .format, message: formatMessage)
        guard !body.isEmpty,
            body.allSatisfy({ ASCII.isDigit($0) || [dot, comma, apostrophe, space].contains($0) })
        else { throw format }
        let commas = body.indices.filter { body[$0] == comma }
        let dots = body.indices.filter { body[$0] == dot }
        let decimalSeparator: Int
        if commas.count == 1 {
            decimalSeparator = commas[0]
        } else if !commas.isEmpty {
            throw format
        } else if let integer = integerDigits(body[...]) {
            if dots.count == 1, maximumFractionDigits.map({ $0 >= 3 }) ?? true {
                let digits = ASCII.string(integer)
                let (whole, fraction) = (digits.dropLast(3), digits.suffix(3))
                throw IdentifierError(
                    code: .format,
                    message: "Non è chiaro se il punto in \(whole).\(fraction) separa le migliaia o i decimali: "
                        + "scrivi \(digits) oppure \(whole),\(fraction).")
            }
            return Parts(integer: integer, fraction: [])
        } else if dots.count == 1 {
            decimalSeparator = dots[0]
        } else {
            throw format
        }
        let integerText = body[..<decimalSeparator]
        let fraction = Array(body[(decimalSeparator + 1)...])
        guard fraction.allSatisfy(ASCII.isDigit) else { throw format }
        guard !integerText.isEmpty else {
            guard !fraction.isEmpty else { throw format }
            throw IdentifierError(
                code: .format, message: "Scrivi lo zero prima dei decimali: 0,\(ASCII.string(fraction)).")
        }
        guard let integer = integerDigits(integerText) else { throw format }
        guard !fraction.isEmpty else {
            let separator = body[decimalSeparator] == comma ? "la virgola" : "il punto"
            throw IdentifierError(
                code: .format,
                message: "Dopo \(separator) mancano i decimali: scrivi \(ASCII.string(integer)) oppure aggiungi "
                    + "le cifre dopo la virgola.")
        }
        return Parts(integer: integer, fraction: fraction)
    }

    /// The digits of an integer part written plainly (`1500`, `007`) or in groups of three with one kind of
    /// separator (`1.500`, `1 500`, `1'500`); `nil` otherwise.
    private static func integerDigits(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        guard !text.isEmpty else { return nil }
        if text.allSatisfy(ASCII.isDigit) { return Array(text) }
        guard let separator = text.first(where: { !ASCII.isDigit($0) }) else { return nil }
        let groups = text.split(separator: separator, omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count), first.first != UInt8(ascii: "0"),
            groups.allSatisfy({ $0.allSatisfy(ASCII.isDigit) }), groups.dropFirst().allSatisfy({ $0.count == 3 })
        else { return nil }
        return text.filter(ASCII.isDigit)
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

    /// The scalars of `text` as identifiers read it (``TypedText/identifier(_:)``): no invisible characters,
    /// ASCII digits and `-` for every digit and dash, single spaces, trimmed.
    static func scalars(_ text: String) -> ArraySlice<Unicode.Scalar> {
        Array(TypedText.identifier(text).unicodeScalars)[...]
    }

    /// Removes surrounding white space and a leading sign (`-` or `+`; ``TypedText/identifier(_:)`` has made
    /// every dash and the minus sign U+2212 a `-`) from a list of scalars, returning whether the sign was negative.
    static func stripSign(_ scalars: inout ArraySlice<Unicode.Scalar>) -> Bool? {
        trim(&scalars)
        guard let first = scalars.first, first == "-" || first == "+" else { return nil }
        scalars.removeFirst()
        trim(&scalars)
        return first == "-"
    }

    /// Removes spaces at both ends (left between a sign or a currency and the digits).
    static func trim(_ scalars: inout ArraySlice<Unicode.Scalar>) {
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
    }

    /// Maps scalars to ASCII bytes: the typographic apostrophe `’` (U+2019, what phones type for `'`) to `'`,
    /// anything else that is not ASCII to ``ASCII/invalid``.
    static func bytes(_ scalars: ArraySlice<Unicode.Scalar>) -> [UInt8] {
        scalars.map { $0 == "\u{2019}" ? apostrophe : $0.isASCII ? UInt8($0.value) : ASCII.invalid }
    }
}
