import Foundation
import PiazzaContent

/// Text not meant to be published, in the files a portal publishes (its pages, forms and `portal.yaml`; drafts are
/// not published, so not read):
///
/// - an error for each placeholder `piazza new` writes (``Scaffold/Placeholder``): «Da scrivere.», «Nuova pagina»,
///   the DPO «(da completare)»;
/// - a warning for the usual marks of unfinished text: `TODO`, `FIXME`, `XXX`, «Lorem ipsum», a link to `#` alone;
/// - a warning for each page or form of the demo (marked ``Scaffold/exampleMarker``) published by a portal that is
///   not itself marked as the demo: what happens when `content/_shared/` is copied to start a new comune.
///
/// Each at its file, line and column (columns in characters, as editors count them). YAML comments are not
/// published, so not read for placeholders.
public struct PlaceholderAudit {
    /// The content root the files' paths are relative to.
    public let root: URL
    private var scanned: [String: Scan] = [:]

    public init(root: URL) { self.root = root }

    /// What one file holds.
    private struct Scan {
        var problems: [Diagnostic] = []
        /// The line and column of the example marker, when the file has one.
        var marker: (line: Int, column: Int)?
    }

    /// The placeholders and unfinished text `portal` publishes, and the demo's examples when it is not the demo.
    /// A `_shared/` file is read once for all portals; its problems are the same for each (the caller's list drops
    /// repeats: ``DiagnosticList/sorted``).
    public mutating func run(_ portal: Portal) -> [Diagnostic] {
        let config = portal.config.nameLocation.file
        var found = scan(config, isYAML: true).problems
        let isDemo = scan(config, isYAML: true).marker != nil
        let files = portal.pages.map(\.source) + portal.forms.map(\.source)
        for file in files {
            let result = scan(file, isYAML: file.hasSuffix(".yaml"))
            found += result.problems
            if !isDemo, let marker = result.marker {
                found.append(
                    Diagnostic(
                        .warning, file: file, line: marker.line, column: marker.column,
                        message:
                            "an example of piazza's demo (this line marks it) is published by portal '\(portal.id)': rewrite it for the comune and delete this line, or delete the file (docs/CONTENT.md, *Starting files*)"
                    ))
            }
        }
        return found
    }

    /// For `piazza build`, which publishes what it is given: what ``run(_:)`` finds in every portal of `tree`, each
    /// once, all as warnings, so a placeholder `piazza check` refuses is at least told when it goes online.
    public static func warnings(in tree: ContentTree) -> [Diagnostic] {
        var audit = PlaceholderAudit(root: tree.root)
        var found = DiagnosticList()
        for portal in tree.portals {
            for var problem in audit.run(portal) {
                problem.severity = .warning
                found.append(problem)
            }
        }
        return found.sorted
    }

    private mutating func scan(_ file: String, isYAML: Bool) -> Scan {
        if let known = scanned[file] { return known }
        var result = Scan()
        if let data = FileManager.default.contents(atPath: root.appendingPathComponent(file).path) {
            let text = String(decoding: data, as: UTF8.self)
            let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            var inFrontMatter = false
            for (index, raw) in lines.enumerated() {
                let line = index == 0 && raw.hasPrefix("\u{FEFF}") ? raw.dropFirst() : raw
                if !isYAML && line == "---" && (index == 0 || inFrontMatter) {
                    inFrontMatter = index == 0
                    continue
                }
                let isYAMLLine = isYAML || inFrontMatter
                let content = line.drop { $0 == " " || $0 == "\t" }
                if isYAMLLine && content.hasPrefix("#") {
                    if content.hasPrefix(Scaffold.exampleMarker) && result.marker == nil {
                        result.marker = (index + 1, line.count - content.count + 1)
                    }
                    continue
                }
                result.problems += Self.problems(in: line, file: file, line: index + 1, isYAML: isYAMLLine)
            }
        }
        scanned[file] = result
        return result
    }

    /// The words that mark a text as unfinished, matched as whole words (`XXX` in «XXX XXXXXXX», not `TODOS`).
    private static let unfinished = ["TODO", "FIXME", "XXX"]

    private static func problems(in line: Substring, file: String, line number: Int, isYAML: Bool) -> [Diagnostic] {
        var found: [Diagnostic] = []
        func add(_ severity: Diagnostic.Severity, at index: Substring.Index, _ message: String) {
            let column = line.distance(from: line.startIndex, to: index) + 1
            found.append(Diagnostic(severity, file: file, line: number, column: column, message: message))
        }
        let value = Self.value(of: line, isYAML: isYAML)
        for placeholder in Scaffold.Placeholder.all {
            let at: Substring.Index? =
                placeholder.isWholeValue
                ? (value == placeholder.text ? value.startIndex : nil)
                : line.range(of: placeholder.text)?.lowerBound
            guard let at else { continue }
            add(
                .error, at: at,
                "«\(placeholder.text)» is a placeholder written by `piazza new`: write the real "
                    + (file.hasSuffix("portal.yaml")
                        ? "value before publishing"
                        : "text before publishing, or put `draft: true` in the front matter until the page is ready"))
        }
        for word in unfinished {
            var rest = line[...]
            while let range = rest.range(of: word) {
                let before = range.lowerBound == line.startIndex ? nil : line[line.index(before: range.lowerBound)]
                let after = range.upperBound == line.endIndex ? nil : line[range.upperBound]
                if !(before?.isLetter ?? false) && !(before?.isNumber ?? false) && !(after?.isLetter ?? false)
                    && !(after?.isNumber ?? false)
                {
                    add(
                        .warning, at: range.lowerBound,
                        "«\(word)» marks unfinished text, and it would be published as written; finish the text and remove it"
                    )
                    break
                }
                rest = line[range.upperBound...]
            }
        }
        if let range = line.range(of: "lorem ipsum", options: .caseInsensitive) {
            add(
                .warning, at: range.lowerBound,
                "«\(line[range])» is filler text, and it would be published as written; write the real text")
        }
        if !isYAML, let range = line.range(of: "](#)") {
            add(
                .warning, at: range.lowerBound,
                "a link to '#' alone leads nowhere; write the page or address it should open, or remove the link")
        }
        return found
    }

    /// The text of `line` as published: a YAML value without its key and quotes, or the line without indentation.
    private static func value(of line: Substring, isYAML: Bool) -> Substring {
        var value = line.drop { $0 == " " || $0 == "\t" }
        if isYAML, let colon = value.firstIndex(of: ":"),
            value[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
        {
            value = value[value.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
        }
        while let last = value.last, last == " " || last == "\t" { value = value.dropLast() }
        if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
            value = value.dropFirst().dropLast()
        }
        return value
    }
}
