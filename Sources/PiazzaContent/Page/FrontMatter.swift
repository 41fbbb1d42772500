/// Splits a Markdown file into its YAML front matter and body, keeping line numbers.
struct FrontMatter {
    /// The YAML between the `---` lines.
    var yaml: String
    /// The Markdown after the closing `---`: ``body(of:)`` of the text from ``bodyStart``.
    var body: Substring
    /// The UTF-8 offset in the text where the body starts (the line after the closing `---`; the text's
    /// length when no line follows it).
    var bodyStart: Int
    /// 1-based line in the file where `body` starts.
    var bodyLine: Int

    /// Which `---` line a file lacks; both are told at line 1, where the front matter opens or should.
    enum Missing: Error {
        case opening, closing

        /// What the editor reads, with the fix.
        var message: String {
            switch self {
            case .opening:
                "missing front matter; start the file with a line `---`, then `title: ...`, then another `---`"
            case .closing:
                "the front matter opened by the `---` on line 1 is never closed; write a line `---` after its last key, before the page text"
            }
        }
    }

    /// Splits `text`.
    /// - Throws: ``Missing`` when the file does not start with a `---` line or never closes it.
    init(splitting text: String) throws(Missing) {
        guard !text.containsByte(UInt8(ascii: "\r")) else {
            self = try FrontMatter(splittingLines: text)
            return
        }
        // Without carriage returns the YAML and the body are slices of the text: splitting every page into
        // lines to join them again was a tenth of loading 10,000 pages.
        let utf8 = text.utf8
        func lineEnd(from start: String.Index) -> String.Index {
            utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
        }
        let firstEnd = lineEnd(from: text.startIndex)
        guard text[..<firstEnd].isFence else { throw .opening }
        guard firstEnd != utf8.endIndex else { throw .closing }
        let yamlStart = utf8.index(after: firstEnd)
        var start = yamlStart
        var line = 2
        while true {
            let end = lineEnd(from: start)
            if text[start..<end].isFence {
                yaml = start == yamlStart ? "" : String(text[yamlStart..<utf8.index(before: start)])
                let bodyIndex = end == utf8.endIndex ? end : utf8.index(after: end)
                body = text[bodyIndex...]
                bodyStart = utf8.distance(from: utf8.startIndex, to: bodyIndex)
                bodyLine = line + 1
                return
            }
            guard end != utf8.endIndex else { throw .closing }
            start = utf8.index(after: end)
            line += 1
        }
    }

    /// ``init(splitting:)`` line by line, for text with `\r\n` line ends (removed from the parts).
    init(splittingLines text: String) throws(Missing) {
        let lines = text.lines()
        guard let first = lines.first, first.isFence else { throw .opening }
        guard let end = lines.indices.dropFirst().first(where: { lines[$0].isFence }) else {
            throw .closing
        }
        yaml = lines[1..<end].joined(separator: "\n")
        let bodyIndex = end + 1 < lines.count ? lines[end + 1].startIndex : text.endIndex
        body = Self.body(of: text[bodyIndex...])
        bodyStart = text.utf8.distance(from: text.utf8.startIndex, to: bodyIndex)
        bodyLine = end + 2
    }

    /// The body as pages read it from `text`, the file's text from ``bodyStart`` on: its lines joined by line
    /// feeds (a `\r` before each `\n` removed, as ``StringProtocol/lines()`` splits), so the text itself when it
    /// has no carriage return. The load and every later read of the body (``Page/body(in:)``) go through here.
    static func body(of text: Substring) -> Substring {
        guard text.containsByte(UInt8(ascii: "\r")) else { return text }
        return Substring(text.lines().joined(separator: "\n"))
    }
}

extension Substring {
    /// Whether the line is a `---` line: `---`, then only spaces and carriage returns. Byte by byte: trimming each
    /// front matter line Character by Character to compare it was a fifth of splitting a page.
    fileprivate var isFence: Bool {
        utf8.starts(with: "---".utf8)
            && utf8.dropFirst(3).allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }
    }
}
