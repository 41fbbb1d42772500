extension Markdown {
    /// ``topLevelHeadings(in:)`` read from the lines alone, for the texts whose every line this scan reads as
    /// cmark-gfm does; `nil` for any other text, which then goes through cmark.
    ///
    /// Why: every service body was parsed by cmark at load only for its outline, and parsed again by the
    /// render (3.7 % of a 10k-page build, perf of the session-12 release build, 2026-12-01). Hand-written, as
    /// the project's rule asks, only because that was measured; the equality is asserted in tests against
    /// cmark on the demo content and on generated texts (``MarkdownOutlineTests``).
    ///
    /// What it reads, and why that is CommonMark's reading (spec 0.29, blocks.c of cmark-gfm):
    /// - An ATX heading written at column 1 (`## Contatti`) is always at the top level, unless a fenced code
    ///   block or an HTML block opened at the top level holds it: a list item needs its content indented at
    ///   least two columns, a block quote its `>`, an indented code block four spaces, and a heading is
    ///   never a lazy continuation line; it interrupts a paragraph and ends a table.
    /// - A fence written at column 1 opens a code block at the top level for the same reasons (a fence
    ///   interrupts a paragraph too); its closing fence is indented up to three spaces.
    ///
    /// It gives up (`nil`) on what would need the whole parser: a line starting with `<` indented up to three
    ///   spaces (an HTML block), a fence or a `#`-heading indented one to three spaces (a list item may
    ///   hold it), a line of only `=` or `-` (a setext underline, or a thematic break that would need the
    ///   paragraph before it read), a heading whose text has inline markup, an entity, an escape or an
    ///   autolink (`www.`, `:`, `@`), and a text with a NUL, a carriage return, a vertical tab, a form
    ///   feed or a byte order mark (which cmark reads as line ends, replaces or skips).
    static func plainOutline(of source: String, lines: [Substring]) -> [Heading]? {
        guard !hasBytesCmarkRewrites(source) else { return nil }
        var headings: [Heading] = []
        // The top-level fence open, its character and length.
        var fence: (mark: UInt8, count: Int)?
        for (index, line) in lines.enumerated() {
            let utf8 = line.utf8
            guard let start = utf8.firstIndex(where: { $0 != space }) else { continue }
            let first = utf8[start]
            // Most lines start with a letter: none of those opens or closes what the scan follows.
            guard fence != nil || first < 0x41 || first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else {
                continue
            }
            let bytes = Array(utf8)
            let indent = utf8.distance(from: utf8.startIndex, to: start)
            let run = bytes[indent...].prefix { $0 == first }.count
            if let open = fence {
                // A closing fence: up to three spaces, at least the opening's marks, then only spaces or tabs.
                if indent <= 3, first == open.mark, run >= open.count,
                    bytes[(indent + run)...].allSatisfy({ $0 == space || $0 == tab })
                {
                    fence = nil
                }
                continue
            }
            // Four columns of indent (a tab among the first four makes them) are no block of the top level.
            guard indent <= 3, first != tab else { continue }
            switch first {
            case UInt8(ascii: "<"):
                return nil
            case UInt8(ascii: "`"), UInt8(ascii: "~"):
                guard run >= 3 else { continue }
                // A backtick fence's info string has no backtick: "```a`b" is a paragraph with code.
                if first == UInt8(ascii: "`"), bytes[(indent + run)...].contains(first) { continue }
                guard indent == 0 else { return nil }
                fence = (first, run)
            case UInt8(ascii: "="), UInt8(ascii: "-"):
                if bytes[(indent + run)...].allSatisfy({ $0 == space || $0 == tab }) { return nil }
            case UInt8(ascii: "#"):
                guard run <= 6,
                    indent + run == bytes.count || bytes[indent + run] == space || bytes[indent + run] == tab
                else { continue }
                guard indent == 0, let text = atxText(bytes, level: run) else { return nil }
                headings.append(Heading(level: run, text: text, line: index + 1, endLine: index + 1, column: 1))
            default:
                continue
            }
        }
        return headings
    }

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    /// Bytes inline parsing may read as markup, an escape, an entity or an autolink in a heading's text.
    private static let inlineMarkup = Set("\\`*_[]<>!&~@:|\t".utf8)

    /// Whether `source` has a byte cmark does not read as the text it is: NUL (replaced), CR, VT, FF (line
    /// ends or space to trim) or a byte order mark (skipped at the start).
    private static func hasBytesCmarkRewrites(_ source: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in source.utf8 {
            if byte == 0 || byte == 0x0B || byte == 0x0C || byte == 0x0D { return true }
            if previous == (0xEF, 0xBB) && byte == 0xBF { return true }
            previous = (previous.1, byte)
        }
        return false
    }

    /// The text of the ATX heading `line` (at column 1, `level` marks then a space, a tab or nothing) as cmark
    /// gives it (`chop_trailing_hashtags`, then the spaces after the marks skipped); `nil` when its text has
    /// anything inline parsing could read as more than letters (see ``plainOutline(of:lines:)``).
    private static func atxText(_ line: [UInt8], level: Int) -> String? {
        func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }
        var end = line.count
        while end > 0 && isBlank(line[end - 1]) { end -= 1 }
        // A closing sequence of `#` after a space or tab is dropped (or a line of marks only, after the first run).
        var marks = end
        while marks > 0 && line[marks - 1] == UInt8(ascii: "#") { marks -= 1 }
        if marks != end && marks > 0 && isBlank(line[marks - 1]) {
            end = marks - 1
            while end > 0 && isBlank(line[end - 1]) { end -= 1 }
        }
        var start = level
        while start < end && isBlank(line[start]) { start += 1 }
        guard start < end else { return "" }
        let text = line[start..<end]
        guard !text.contains(where: { $0 < 0x20 || inlineMarkup.contains($0) }) else { return nil }
        // The autolink extension's `www.` (any case, to be safe).
        let www = Array("www.".utf8)
        let lowered = text.map { $0 | 0x20 }
        guard !lowered.indices.contains(where: { lowered[$0...].starts(with: www) }) else { return nil }
        return String(decoding: text, as: UTF8.self)
    }
}
