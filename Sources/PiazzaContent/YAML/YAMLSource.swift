import Yams

/// A YAML text from one content file, parsed into a ``YAMLNode`` tree that keeps line and column.
///
/// `lineOffset` shifts Yams' positions when the YAML is embedded in a larger file (front matter
/// starts on the second line of a Markdown file).
package struct YAMLSource {
    package let file: String
    package let lineOffset: Int

    package init(file: String, lineOffset: Int) {
        self.file = file
        self.lineOffset = lineOffset
    }

    /// Parses `text`; on a syntax error records a diagnostic with the place and returns `nil`.
    ///
    /// Files reach here through ``SourceText/decode(_:file:)``; a byte order mark left on text
    /// handed over directly is dropped by the same rule (it is not content, and libyaml would
    /// read it as a stray character before the first key).
    ///
    /// - Parameter ifEmpty: what to write, for text with no YAML node at all (empty, only a byte
    ///   order mark, only comments or blank lines). Content files pass it: such a file is an error at
    ///   its first line (for YAML embedded at `lineOffset`, the line before it, the opening `---`),
    ///   never a silently missing portal or form. With `nil` the caller reports it.
    package func parse(_ text: String, into sink: DiagnosticSink, ifEmpty: String? = nil) -> YAMLNode? {
        let text = SourceText.droppingByteOrderMark(text)
        // Most content YAML is in the subset SimpleYAML reads to the same node; the rest, and every error, is Yams'.
        if let node = SimpleYAML.compose(text) { return node }
        do {
            guard let node = try Yams.compose(yaml: text, .default, Self.constructor, .utf8) else {
                if let ifEmpty { sink.error(file, max(lineOffset, 1), 1, ifEmpty) }
                return nil
            }
            return YAMLNode(node)
        } catch let error as YamlError {
            if case .duplicatedKeysInMapping(let duplicates, let context) = error, let key = duplicates.first,
                let node = composeReportingRepeatedKeys(
                    text, key: key, line: context.mark.line, column: context.mark.column, into: sink)
            {
                return node
            }
            // Lines with text: a problem reported past them is at the end of the YAML.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: true).count
            let (line, column, message) = describe(error, lineCount: lines, text: text)
            sink.error(file, line + lineOffset, column, message)
        } catch {
            sink.error(file, 1 + lineOffset, 1, "cannot read YAML: \(error)")
        }
        return nil
    }

    /// Yams' default constructor, kept: `Constructor.default` builds its tables again at every use, and they
    /// are constants (the constructor has only `let` tables, so sharing it between threads is safe).
    nonisolated(unsafe) static let constructor = Constructor.default

    private func describe(_ error: YamlError, lineCount: Int, text: String) -> (Int, Int, String) {
        let hint = "check indentation, colons after keys, and quote values that contain ': ' or start with a symbol"
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            // An unclosed quote or bracket is found at the end of the text: point at where it opened.
            let atEnd = problem.contains("end of stream") || mark.line > lineCount
            if let context, atEnd, context.mark.line < mark.line {
                let what =
                    context.text.contains("quoted")
                    ? "the quoted text"
                    : context.text.contains("flow sequence")
                        ? "the [ list" : context.text.contains("flow mapping") ? "the { mapping" : "the value"
                return (
                    context.mark.line, context.mark.column,
                    "invalid YAML: \(what) that starts here is never closed; add the closing quote or bracket"
                )
            }
            if let tab = Self.indentingTab(near: mark.line, in: text) {
                return (
                    tab.line, tab.column,
                    "this line is indented with a tab (it looks like spaces); YAML indents with spaces only: replace the tab with spaces, two per level"
                )
            }
            if let words = Self.plainWords(
                problem: problem, openedAt: context.map { $0.mark.line + lineOffset }, at: mark, in: text)
            {
                return (mark.line, mark.column, "invalid YAML: \(words)")
            }
            let prefix = context.map { "\($0.text) (line \($0.mark.line + lineOffset)): " } ?? ""
            return (mark.line, mark.column, "invalid YAML: \(prefix)\(problem); \(hint)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().joined(separator: ", ")
            return (
                context.mark.line, context.mark.column, "key \(keys) is written twice in this mapping; keep only one"
            )
        case .reader(let problem, _, _, _):
            return (1, 1, "cannot read YAML: \(problem); save the file as UTF-8")
        default:
            return (1, 1, "invalid YAML: \(error)")
        }
    }
}
