import Yams

extension YAMLSource {
    /// libyaml's problem (`did not find expected key`, `mapping values are not allowed in this context`) said as what
    /// the editor wrote and how to fix it; `nil` for a problem without such words (the caller gives libyaml's).
    /// `openedAt` is the line (in the file) of the mapping, list or key libyaml was reading, `mark` the place of
    /// the problem in `text`.
    ///
    /// The problems are libyaml's own strings (scanner.c, parser.c of libyaml 0.2.5, which Yams embeds).
    static func plainWords(problem: String, openedAt: Int?, at mark: Mark, in text: String) -> String? {
        let since = openedAt.map { " (from line \($0))" } ?? ""
        let opened = openedAt.map { " opened at line \($0)" } ?? ""
        switch problem {
        case "did not find expected key":
            return
                "this line is not indented like the keys above it\(since), or it has no `key:`; indent it with as many spaces as the key it belongs with, or continue the value above on the same line"
        case "did not find expected '-' indicator":
            return
                "this line is not indented like the list items (`- `) above it\(since); indent it with as many spaces as they are, or start it with `- `"
        case "mapping values are not allowed in this context":
            return
                "a `: ` inside a value; put the whole value in quotes, e.g. title: \"Orari: dal lunedì al venerdì\""
        case "could not find expected ':'":
            return "a line with no `key:`\(since); add the colon after the key, or join the line to the value above"
        case "block sequence entries are not allowed in this context":
            return
                "a list item `- ` on the same line as its key; put each item on a line of its own, indented under the key, or write the list as [uno, due]"
        case "did not find expected comment or line break":
            return "text after a closing quote; put the whole value inside the quotes"
        case "found unknown escape character":
            return
                "a backslash inside double quotes starts an escape; write \\\\ for a backslash, or use single quotes"
        case "did not find expected ',' or ']'":
            return
                "the [ list\(opened) is not closed where it should be; end it with ] on its line, separate items with commas, and quote an item that holds a comma or a colon"
        case "did not find expected ',' or '}'":
            return
                "the { mapping\(opened) is not closed where it should be; end it with } on its line, separate its entries with commas, and quote a value that holds a comma or a colon"
        case "found character that cannot start any token":
            guard let character = character(at: mark, in: text) else { return nil }
            return "a value cannot start with «\(character)»; put the value in quotes: \"\(character)…\""
        default:
            return nil
        }
    }

    /// The character at libyaml's 1-based `mark` (a column in Unicode scalars) of `text`.
    private static func character(at mark: Mark, in text: String) -> Character? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let scalars = lines[mark.line - 1].unicodeScalars
        guard mark.column >= 1, mark.column <= scalars.count else { return nil }
        return Character(scalars[scalars.index(scalars.startIndex, offsetBy: mark.column - 1)])
    }
}
