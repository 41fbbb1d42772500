extension String {
    /// The text without what Foundation's `CharacterSet.whitespacesAndNewlines` holds at its ends, as
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives it, without bridging to `NSString` (that was a
    /// tenth of loading 10,000 pages): Unicode's space separators (Zs), tab, the zero-width space, the line
    /// breaks U+000A–U+000D, U+0085, U+2028 and U+2029, compared scalar by scalar as Foundation compares them.
    func trimmingWhitespaceAndNewlines() -> String {
        trimmingScalars { Self.isWhitespace($0) || Self.isNewline($0) }
    }

    /// The text without what `CharacterSet.whitespaces` holds at its ends (``isWhitespace(_:)``), as
    /// `trimmingCharacters(in: .whitespaces)` gives it.
    func trimmingWhitespace() -> String { trimmingScalars(where: Self.isWhitespace) }

    /// `CharacterSet.whitespaces`: the space separators (general category Zs), tab and the zero-width space
    /// (Foundation's set has it; `LoadingFastPathTests` compares the two over all of Unicode).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }

    /// `CharacterSet.newlines`: U+000A–U+000D, U+0085, U+2028, U+2029.
    static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        ("\u{0A}"..."\u{0D}").contains(scalar) || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    private func trimmingScalars(where trimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !trimmed($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !trimmed($0) })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }
}
