/// The one rule against formula injection in CSV files people open in a spreadsheet (OWASP "CSV
/// Injection"; Symfony CVE-2021-41270): a text cell whose first character Excel or LibreOffice reads as
/// the start of a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading `'`, so the program shows it as
/// text instead of running it (`=HYPERLINK("http://x","y")` stays a name, not a link).
///
/// ``guarded(_:)`` and ``unguarded(_:)`` are inverses: a file piazza writes (``guarded(_:)``) and reads
/// back (``unguarded(_:)``, the `esercenti.csv` loader) gives the text it started from, whatever it is.
/// Numbers are never passed through here: a negative amount or longitude stays a number.
public enum SpreadsheetFormula {
    /// The first characters that make a spreadsheet read a cell as a formula.
    private static let starts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `'=1+2` for `=1+2`; `''=1` for `'=1` (so that reading back gives `'=1`); any other text as it is.
    public static func guarded(_ text: String) -> String {
        needsGuard(text) ? "'" + text : text
    }

    /// The text ``guarded(_:)`` was given: one leading `'` taken away when what follows needed it.
    public static func unguarded(_ text: String) -> String {
        guard text.hasPrefix("'") else { return text }
        let rest = String(text.dropFirst())
        return needsGuard(rest) ? rest : text
    }

    /// Whether the text starts with a formula character after any `'` already there.
    private static func needsGuard(_ text: String) -> Bool {
        // Scalars, not characters: `=` followed by a combining mark is one character but still a formula.
        guard let first = text.unicodeScalars.first(where: { $0 != "'" }) else { return false }
        return starts.contains(first)
    }
}
