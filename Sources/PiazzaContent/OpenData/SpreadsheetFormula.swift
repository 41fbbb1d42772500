/// The one rule against formula injection in CSV files people open in a spreadsheet (OWASP "CSV
/// Injection" and its Web Security Testing Guide, "Testing for CSV Injection"; Symfony CVE-2021-41270):
/// a text cell whose first character Excel or LibreOffice reads as the start of a formula gets a leading
/// `'`, so the program shows it as text instead of running it (`=HYPERLINK("http://x","y")` stays a name,
/// not a link). The starts are `=`, `+`, `-`, `@`, tab, CR and LF; their full-width and small forms
/// (`＝`, `＋`, `－`, `＠`, `﹦`: the same characters under Unicode's compatibility mapping, which an East
/// Asian locale's spreadsheet reads as the ASCII ones); and any of them after leading characters that
/// show nothing (``isInvisible(_:)``): spaces (` =1+2`, a no-break space too), which a spreadsheet that
/// trims cells on import drops, and the format and control characters a cell can start with unseen
/// (`U+FEFF =1+2`, a zero-width space or joiner, a word joiner, a soft hyphen, a Hangul filler).
///
/// What each spreadsheet skips before it reads a formula is not documented: the OWASP pages and the
/// research notes (research/domain.md §3.9) name only the first characters, and no public test of Excel
/// or LibreOffice on a zero-width space before `=` was found. So the whole kind is guarded: a `'` shown
/// before a cell that starts with invisible characters costs little, a formula that runs costs a lot.
///
/// ``guarded(_:)`` and ``unguarded(_:)`` are inverses: a file piazza writes (``guarded(_:)``) and reads
/// back (``unguarded(_:)``, the `esercenti.csv` loader) gives the text it started from, whatever it is.
/// Numbers are never passed through here: a negative amount or longitude stays a number.
public enum SpreadsheetFormula {
    /// The first characters that make a spreadsheet read a cell as a formula, after the compatibility
    /// mapping (NFKC: `＝` is `=`).
    private static let starts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n"]

    /// `'=1+2` for `=1+2`; `''=1` for `'=1` (so that reading back gives `'=1`); any other text as it is.
    public static func guarded(_ text: String) -> String {
        needsGuard(text) ? "'" + text : text
    }

    /// The text ``guarded(_:)`` was given: one leading `'` taken away when what follows needed it.
    public static func unguarded(_ text: String) -> String {
        // Scalars, not characters: `'` and a zero-width joiner after it are one character.
        guard text.unicodeScalars.first == "'" else { return text }
        let rest = String(text.unicodeScalars.dropFirst())
        return needsGuard(rest) ? rest : text
    }

    /// Whether the text starts with a formula character (``starts``, in any compatibility form) after any
    /// `'` already there and any invisible characters (``isInvisible(_:)``).
    private static func needsGuard(_ text: String) -> Bool {
        // Scalars, not characters: `=` followed by a combining mark is one character but still a formula.
        for scalar in text.unicodeScalars where scalar != "'" {
            // An ASCII scalar is its own compatibility form: no Foundation string for the common case.
            let first =
                scalar.isASCII ? scalar : String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars.first
            if let first, starts.contains(first) { return true }
            if !isInvisible(scalar) { return false }
        }
        return false
    }

    /// A character that shows nothing, which a cell can start with before a formula unseen: Unicode's
    /// white space (space, tab, no-break space, U+3000…), its default-ignorable code points (U+FEFF,
    /// U+200B–U+200F, U+2060–U+206F, U+00AD, U+034F, U+115F, U+3164, variation selectors, tags…), and
    /// the other format (Cf) and control (Cc) characters.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isWhitespace || properties.isDefaultIgnorableCodePoint { return true }
        return properties.generalCategory == .format || properties.generalCategory == .control
    }
}
