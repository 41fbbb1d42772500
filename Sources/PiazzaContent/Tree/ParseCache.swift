import Synchronization

/// Parsed pages, forms and calendars kept from one load of the content tree to the next (`piazza serve`
/// loads the tree again at every change): a file whose text is what it was is not parsed again. Parsing
/// a file depends on its text, its path and its portal-relative path only, so the kept value is the one
/// parsing would give.
public final class ParseCache: Sendable {
    private let entries = Mutex<[String: Entry]>([:])

    /// What parsing one text gave.
    private struct Entry: Sendable {
        let text: String
        let value: (any Sendable)?
        let diagnostics: DiagnosticList
    }

    public init() {}

    /// The value and diagnostics `parse` gave for this text of `file`, parsing when the text changed.
    func value<T: Sendable>(
        for file: SourceFile, text: String, parse: () -> (T?, DiagnosticList)
    ) -> (T?, DiagnosticList) {
        let key = file.source + "\n" + file.path
        if let entry = entries.withLock({ $0[key] }), entry.text == text, entry.value == nil || entry.value is T {
            return (entry.value as? T, entry.diagnostics)
        }
        let (value, diagnostics) = parse()
        entries.withLock { $0[key] = Entry(text: text, value: value, diagnostics: diagnostics) }
        return (value, diagnostics)
    }
}
