import Foundation

/// The one normalisation applied to everything a person types or pastes into a form, before any parser or
/// validator reads it: identifiers (``CodiceFiscale``, ``PartitaIVA``, ``IBAN``, ``CAP``, ``DSUProtocol``),
/// ``ItalianNumber``, ``Money``, ``ItalianDate``, and the free text, e-mail and phone fields of forms.
///
/// ``normalized(_:multiline:)`` applies, scalar by scalar:
/// 1. line breaks (CR LF, CR, LF, NEL U+0085, U+2028, U+2029) become `\n` in multi-line text, a space otherwise;
/// 2. tabs and every space separator (category Zs: NBSP U+00A0, narrow NBSP U+202F, U+3000…) become U+0020;
/// 3. every other control character (C0, DEL, C1) is removed;
/// 4. every default-ignorable code point (Unicode property `Default_Ignorable_Code_Point`: zero-width space
///    U+200B, ZWNJ/ZWJ, the byte order mark U+FEFF, the soft hyphen U+00AD, word joiners U+2060–U+2064, bidi
///    marks U+200E/U+200F, embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, variation selectors,
///    tag characters…) is removed, except a ZWJ between two emoji and a variation selector U+FE0E/U+FE0F after
///    an emoji, which draw sequences such as 👨‍👩‍👧 or ❤️;
/// 5. the result is put in Unicode NFC and trimmed of spaces and line breaks at both ends.
///
/// Invisible characters thus never make a pasted IBAN or codice fiscale invalid, and bidi controls cannot
/// reorder what operators read ("Trojan Source", CVE-2021-42574).
///
/// ``checkLength(_:limit:)`` bounds normalised text three ways: user-perceived characters (what the citizen
/// counts), combining marks per character (stacked "Zalgo" marks) and Unicode scalars (what is stored).
///
/// ```swift
/// TypedText.normalized("\u{FEFF}IT60\u{200B}X054")        // "IT60X054"
/// TypedText.normalized("a\u{202E}b\r\nc", multiline: true)  // "ab\nc"
/// ```
public enum TypedText {
    /// The most combining marks (categories Mn, Mc, Me) one user-perceived character may carry. Real text
    /// needs far fewer (Vietnamese and Thai stack 2–3, Hebrew with cantillation 4, Devanagari conjuncts 5).
    public static let maximumMarksPerCharacter = 8

    /// Unicode scalars allowed per character of a length limit: text limited to `n` characters stores at most
    /// `4 × n` scalars (so at most `16 × n` UTF-8 bytes), room for accents and emoji sequences.
    public static let scalarsPerCharacter = 4

    /// Normalises typed or pasted text; see ``TypedText`` for the rules.
    ///
    /// - Parameters:
    ///   - text: the text as received.
    ///   - multiline: whether line breaks are kept (as `\n`) rather than turned into spaces.
    /// - Returns: NFC text whose only white space is U+0020 (and `\n` when `multiline`), trimmed.
    public static func normalized(_ text: String, multiline: Bool = false) -> String {
        // Printable ASCII and Latin-1 letters and signs are already normal and NFC: only the trimming applies (most
        // values, most of the time; Italian text is ASCII with a few accented vowels).
        if isNormalLatin(text.utf8) { return trimmed(text) }
        // UTF-8 bytes: appending to a byte array is much cheaper than to a String's scalar view.
        var kept: [UInt8] = []
        kept.reserveCapacity(text.utf8.count)
        var previous: Unicode.Scalar?
        var needsComposition = false
        // Each scalar with the one after it, decoded once as the text is walked (not first copied into an array).
        var scalars = text.unicodeScalars.makeIterator()
        var current = scalars.next()
        while let scalar = current {
            let next = scalars.next()
            defer { current = next }
            let replacement: Unicode.Scalar?
            switch scalar {
            case " "..."~":
                replacement = scalar
            case "\r" where next == "\n":
                replacement = nil
            case "\r", "\n", "\u{85}", "\u{2028}", "\u{2029}":
                replacement = multiline ? "\n" : " "
            case "\t":
                replacement = " "
            case "\u{200D}":
                replacement = isEmojiJoiner(after: previous, before: next) ? scalar : nil
            case "\u{FE0E}", "\u{FE0F}":
                replacement = previous.map(isPictographic) == true ? scalar : nil
            default:
                switch scalar.properties.generalCategory {
                case .spaceSeparator: replacement = " "
                case .control: replacement = nil
                default: replacement = scalar.properties.isDefaultIgnorableCodePoint ? nil : scalar
                }
            }
            if let replacement {
                if replacement.isASCII {
                    kept.append(UInt8(replacement.value))
                } else {
                    kept.append(contentsOf: UTF8.encode(replacement)!)
                }
                previous = replacement
                // Scalars below the combining marks (U+0300) are NFC and compose with nothing (Unicode's NFC_QC).
                needsComposition = needsComposition || replacement.value >= 0x300
            }
        }
        let text = String(decoding: kept, as: UTF8.self)
        return trimmed(needsComposition ? text.precomposedStringWithCanonicalMapping : text)
    }

    /// Typed text as every identifier, number, amount, date, phone and e-mail field reads it: the single-line
    /// ``normalized(_:multiline:)`` text, then
    /// 1. full-width forms U+FF01–U+FF5E (CJK phone keyboards, some PDFs) become the ASCII characters they widen;
    /// 2. every other decimal digit (General_Category Nd: Arabic-Indic `٣`, Devanagari `३`, mathematical `𝟑`…)
    ///    becomes the ASCII digit of the same value;
    /// 3. every dash (General_Category Pd: hyphen U+2010, non-breaking hyphen U+2011, figure, en and em dashes
    ///    U+2012–U+2014, small and full-width hyphen-minus U+FE63, U+FF0D…) and the minus sign U+2212 become `-`;
    /// 4. runs of spaces become one space.
    ///
    /// Letters of other scripts stay as they are, so a Cyrillic `А` in a codice fiscale is still refused: there is
    /// no folding of look-alike characters. Free text is not read this way: a `text` field keeps `３` or `–`.
    ///
    /// ```swift
    /// TypedText.identifier("ＩＮＰＳ–ＩＳＥＥ")      // "INPS-ISEE"
    /// TypedText.identifier("+39\u{A0} 049 ١٢٣")  // "+39 049 123"
    /// ```
    public static func identifier(_ text: String) -> String {
        // Printable ASCII only trims and folds runs of spaces: without a run, the trimmed text is the answer.
        if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) {
            let trimmed = trimmed(text)
            if !hasSpaceRun(trimmed.utf8) { return trimmed }
        }
        var folded = String.UnicodeScalarView()
        for scalar in normalized(text).unicodeScalars {
            let replacement: Unicode.Scalar
            if scalar.isASCII {
                // ASCII digits and `-` are already what rules 2 and 3 give: no property lookup.
                replacement = scalar
            } else if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                replacement = ascii
            } else if scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue,
                let digit = Unicode.Scalar(UInt32(0x30) + UInt32(value))
            {
                replacement = digit
            } else if scalar.properties.generalCategory == .dashPunctuation || scalar == "\u{2212}" {
                replacement = "-"
            } else {
                replacement = scalar
            }
            if replacement == " ", folded.last == " " { continue }
            folded.append(replacement)
        }
        return String(folded)
    }

    /// Checks that normalised text fits a limit of `limit` user-perceived characters: at most `limit`
    /// characters, at most ``maximumMarksPerCharacter`` combining marks on any of them, and at most
    /// ``scalarsPerCharacter`` × `limit` Unicode scalars in all.
    ///
    /// - Parameters:
    ///   - text: text already passed through ``normalized(_:multiline:)``.
    ///   - limit: the most characters accepted (a form field's `max_length`).
    /// - Throws: ``IdentifierError`` with code ``IdentifierError/Code/length`` (too many characters or scalars)
    ///   or ``IdentifierError/Code/format`` (a character with too many marks; the message gives its position).
    public static func checkLength(_ text: String, limit: Int) throws(IdentifierError) {
        // Below U+0300 (UTF-8 lead bytes under 0xCC) there is no combining mark, and a text never has more
        // characters than scalars: when its scalars fit the limit, so does the text, without walking graphemes.
        var scalars = 0
        var belowMarks = true
        for byte in text.utf8 {
            if byte >= 0xCC {
                belowMarks = false
                break
            }
            if byte & 0xC0 != 0x80 { scalars += 1 }
        }
        if belowMarks && scalars <= limit { return }
        var characters = 0
        var overloaded: (position: Int, marks: Int)?
        for character in text {
            characters += 1
            guard overloaded == nil, character.unicodeScalars.count > maximumMarksPerCharacter else { continue }
            let marks = character.unicodeScalars.count(where: isMark)
            if marks > maximumMarksPerCharacter { overloaded = (characters, marks) }
        }
        if characters > limit {
            throw IdentifierError(
                code: .length, message: "Puoi scrivere al massimo \(limit) caratteri: ne hai scritti \(characters).")
        }
        if let overloaded {
            throw IdentifierError(
                code: .format,
                message: "Il \(overloaded.position)° carattere ha \(overloaded.marks) accenti o segni sovrapposti: "
                    + "ne sono ammessi al massimo \(maximumMarksPerCharacter). Riscrivilo senza i segni in più.")
        }
        if text.unicodeScalars.count > limit * scalarsPerCharacter {
            throw IdentifierError(
                code: .length,
                message: "Il testo contiene troppi simboli composti (emoji o accenti sovrapposti) per la sua "
                    + "lunghezza: accorcialo o usa caratteri semplici.")
        }
    }

    /// A ZWJ joins two emoji (an emoji, its skin-tone modifier or U+FE0F before it, an emoji after it).
    private static func isEmojiJoiner(after previous: Unicode.Scalar?, before next: Unicode.Scalar?) -> Bool {
        guard let previous, let next else { return false }
        return (previous == "\u{FE0F}" || isPictographic(previous)) && isPictographic(next)
    }

    /// An emoji, leaving out the ASCII digits, `#` and `*` that also carry the Emoji property (so a variation
    /// selector after a digit of an identifier is removed).
    private static func isPictographic(_ scalar: Unicode.Scalar) -> Bool {
        !scalar.isASCII && scalar.properties.isEmoji
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    /// Whether UTF-8 `bytes` are text that normalisation leaves as it is but for trimming: printable ASCII
    /// (U+0020–U+007E) and Latin-1's letters and signs (U+00A1–U+00FF but the soft hyphen U+00AD), none of
    /// which is a control, a space separator, default-ignorable or composes with anything. Walked as bytes, which
    /// costs a fraction of decoding scalars and reading their properties (measured: a 500-byte note was 1.6 % of
    /// the daemon's CPU per submission).
    private static func isNormalLatin(_ bytes: String.UTF8View) -> Bool {
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case 0x20...0x7E: continue
            case 0xC2:
                // U+0080–U+00A0 are C1 controls and the no-break space; U+00AD is the soft hyphen.
                guard let next = iterator.next(), next >= 0xA1, next != 0xAD else { return false }
            case 0xC3:
                // U+00C0–U+00FF: a valid String has its continuation byte here.
                guard iterator.next() != nil else { return false }
            default:
                return false
            }
        }
        return true
    }

    /// Whether `bytes` hold two spaces in a row.
    private static func hasSpaceRun(_ bytes: String.UTF8View) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x20 && previous == 0x20 { return true }
            previous = byte
        }
        return false
    }

    /// Removes spaces and line breaks (the only white space left by normalisation) at both ends.
    private static func trimmed(_ text: String) -> String {
        // Most values have nothing to trim: the text itself, without walking its scalars or copying it.
        if let first = text.utf8.first, let last = text.utf8.last, first != 0x20, first != 0x0A, last != 0x20,
            last != 0x0A
        {
            return text
        }
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start] == " " || scalars[start] == "\n" { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)] == " " || scalars[scalars.index(before: end)] == "\n" {
            end = scalars.index(before: end)
        }
        return String(scalars[start..<end])
    }
}
