/// Small byte-level helpers shared by the parsers. All identifiers handled by this module are
/// plain ASCII; anything else is mapped to ``ASCII/invalid`` so that it is reported as a format error
/// while still counting as one character for length messages.
enum ASCII {
    /// Placeholder byte for a character that is not ASCII (for example an accented letter).
    static let invalid: UInt8 = 0xFF

    /// Returns the text as ``TypedText/identifier(_:)`` reads it (no invisible characters; full-width forms,
    /// digits and dashes in ASCII) without any space, with ASCII letters uppercased and every non-ASCII character
    /// replaced by ``invalid``.
    static func compactUppercased(_ text: String) -> [UInt8] {
        TypedText.identifier(text).unicodeScalars.compactMap { $0 == " " ? nil : uppercased($0) }
    }

    /// Returns the text as ``TypedText/identifier(_:)`` reads it (trimmed, single spaces), with ASCII letters
    /// uppercased and every non-ASCII character replaced by ``invalid``. Inner spaces are kept.
    static func trimmedUppercased(_ text: String) -> [UInt8] {
        TypedText.identifier(text).unicodeScalars.map(uppercased)
    }

    private static func uppercased(_ scalar: Unicode.Scalar) -> UInt8 {
        guard scalar.isASCII else { return invalid }
        let byte = UInt8(scalar.value)
        return isLowercaseLetter(byte) ? byte - 32 : byte
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isLetter(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    static func isLowercaseLetter(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }

    /// The numeric value of an ASCII digit byte.
    static func digitValue(_ byte: UInt8) -> Int { Int(byte) - 0x30 }

    /// Builds a `String` from ASCII bytes.
    static func string<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Parses a run of ASCII digits into an `Int`; returns `nil` if a byte is not a digit or on overflow.
    static func integer<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for byte in bytes {
            guard isDigit(byte) else { return nil }
            let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = multiplied.addingReportingOverflow(digitValue(byte))
            if overflow1 || overflow2 { return nil }
            value = added
        }
        return value
    }
}
