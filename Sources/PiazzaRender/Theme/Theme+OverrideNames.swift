import Foundation

extension Theme {
    /// Refuses the templates of this theme's own folder that use a name (the first component of a
    /// `{{name}}`, `{{{name}}}`, `{{&name}}`, `{{#name}}` or `{{^name}}`) that no template of `base` uses.
    ///
    /// Why: the pages give their templates what the default theme's templates use, and a name no page
    /// gives is an error only when a page renders that very tag (``render(_:_:)``). The daemon renders its
    /// pages on demand, some parts only in one state of a case (the receipt's reply form), so a theme that
    /// overrides a template from an earlier release, where a name was renamed since, would pass the build
    /// and the daemon's start and then answer 500 to the one citizen who reaches that part. A name the
    /// default theme uses nowhere is one no page of this release gives, so it is refused when the themes
    /// load: by `piazza check`, `piazza build` and the daemon's start alike.
    ///
    /// A template that changes its delimiters (`{{=<% %>=}}`) is not read: its tags are not `{{…}}`.
    ///
    /// - Throws: ``ThemeError`` `.missingKey`, one line per name: `file:line:column: 'name' ...`.
    func checkNames(against base: Theme) throws(ThemeError) {
        let known = Set(base.templates.values.flatMap { Self.names(in: $0.text).map(\.name) })
        let own = directory.appendingPathComponent("templates").standardizedFileURL.path + "/"
        var problems: [String] = []
        for (name, template) in templates.sorted(by: { $0.key < $1.key })
        where template.url.standardizedFileURL.path.hasPrefix(own) {
            let model = base.templates[name].map { "; compare with \($0.url.path)" } ?? ""
            for use in Self.names(in: template.text) where !known.contains(use.name) {
                problems.append(
                    "\(template.url.path):\(use.line):\(use.column): '\(use.name)' is a name no page gives its "
                        + "templates in this release (no template of the default theme uses it: renamed or removed "
                        + "since the theme was written?)\(model)")
            }
        }
        guard problems.isEmpty else { throw ThemeError(.missingKey, problems.joined(separator: "\n")) }
    }

    /// The names `text`'s tags look up, with the line and column (1-based, in characters) of each tag's
    /// `{{`; none for a template that sets other delimiters.
    static func names(in text: String) -> [(name: String, line: Int, column: Int)] {
        var found: [(name: String, line: Int, column: Int)] = []
        var line = 1
        var column = 1
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix("{{"), let close = text[index...].range(of: "}}") {
                let tag = text[text.index(index, offsetBy: 2)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                if tag.hasPrefix("=") { return [] }
                var path = Substring(tag)
                if let sigil = path.first, "{&#^".contains(sigil) {
                    path = path.dropFirst()
                } else if let sigil = path.first, "!/>$<%".contains(sigil) {
                    path = ""  // a comment, a closing tag, a partial, a block, a parent or a pragma
                }
                if let first = path.trimmingCharacters(in: .whitespaces).split(separator: ".").first {
                    found.append((String(first), line, column))
                }
            }
            if text[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index = text.index(after: index)
        }
        return found
    }
}
