import Foundation

/// One tag of a template as its file writes it, with the place of its opening delimiter: what the theme's
/// errors point at.
///
/// Why a scan beside swift-mustache's parser: the parser keeps no places. Its tokens (2.1.1,
/// `MustacheTemplate.Token`) hold names, transforms and sub-templates only, and only its errors carry a
/// `MustacheParserContext`. So the compiled program (``CompiledTemplates``) says which names, partials and
/// sections a template has, and these tags say where the file writes them.
struct TemplateTag: Sendable, Equatable {
    /// What comes after the opening delimiter: `#`, `^`, `/`, `>`, `<`, `$`, `!`, `%`, `=`, `{`, `&`, or
    /// nothing for `{{name}}`.
    var sigil: String
    /// The name as written, without the sigil and spaces: `page.title`, `base`; a comment's or pragma's text.
    var name: String
    /// 1-based line and column (in characters) of the tag's opening delimiter.
    var line: Int
    var column: Int
    /// The delimiters in force at the tag (`{{` and `}}` unless the template set others).
    var open = "{{"
    var close = "}}"

    /// The first component of the name a variable or section looks up in the context (`page` for
    /// `page.title` and `.page`); `nil` for `.` and for every other kind of tag.
    var lookedUp: String? {
        guard ["", "{", "&", "#", "^"].contains(sigil) else { return nil }
        return name.split(separator: ".").first.map(String.init)
    }

    /// Whether the tag opens something a `{{/name}}` closes: a section, an inverted section, a block or a parent.
    var opens: Bool { ["#", "^", "$", "<"].contains(sigil) }

    /// The tag as the template writes it: `{{#items}}`, `{{> field}}`.
    var written: String {
        switch sigil {
        case "{": "\(open){\(name)}\(close)"
        case ">", "<": writing("\(sigil) \(name)")
        default: writing(sigil + name)
        }
    }

    /// `body` between the delimiters in force at the tag: the tag to write to fix it (`{{/items}}`).
    func writing(_ body: String) -> String { open + body + close }

    /// `line:column`.
    var place: String { "\(line):\(column)" }

    /// Every tag of `text` in order, following delimiter changes (`{{=<% %>=}}`); a tag without its closing
    /// delimiter ends the scan (the parser refuses the template there).
    static func scan(_ text: String) -> [TemplateTag] {
        var tags: [TemplateTag] = []
        var open = "{{"
        var close = "}}"
        var line = 1
        var column = 1
        var index = text.startIndex
        func advance(to end: String.Index) {
            for character in text[index..<end] {
                if character.isNewline {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            index = end
        }
        while let start = text.range(of: open, range: index..<text.endIndex) {
            advance(to: start.lowerBound)
            var body = text[start.upperBound...]
            let triple = body.first == "{"
            guard let end = body.range(of: triple ? close + "}" : close) else { break }
            body = body[..<end.lowerBound]
            var sigil = ""
            if let first = body.first, "#^/><$!%={&".contains(first) {
                sigil = String(first)
                body = body.dropFirst()
            }
            let name = body.trimmingCharacters(in: .whitespacesAndNewlines)
            tags.append(TemplateTag(sigil: sigil, name: name, line: line, column: column, open: open, close: close))
            if sigil == "=" {
                let delimiters = name.dropLast(name.hasSuffix("=") ? 1 : 0).split(whereSeparator: \.isWhitespace)
                if delimiters.count == 2 {
                    open = String(delimiters[0])
                    close = String(delimiters[1])
                }
            }
            advance(to: end.upperBound)
        }
        return tags
    }

    /// The first tag written directly inside a parent (`{{< base}}…{{/base}}`) that is not a block, a comment
    /// or a delimiter change: the parser refuses it only at the parent's end.
    static func outsideBlocks(in tags: [TemplateTag]) -> TemplateTag? {
        var open: [String] = []
        for tag in tags {
            if open.last == "<", !["$", "/", "!", "="].contains(tag.sigil) { return tag }
            if tag.opens { open.append(tag.sigil) } else if tag.sigil == "/" { _ = open.popLast() }
        }
        return nil
    }

    /// The first section, block or parent that `tags` close wrongly, as an editor fixes it: a `{{/name}}`
    /// that closes nothing open or not the innermost open one, or the innermost one never closed.
    static func nestingProblem(in tags: [TemplateTag]) -> (tag: TemplateTag, message: String)? {
        var open: [TemplateTag] = []
        for tag in tags {
            if tag.opens {
                open.append(tag)
            } else if tag.sigil == "/" {
                guard let innermost = open.last else {
                    return (
                        tag,
                        "\(tag.written) closes '\(tag.name)', which is not open; remove it or open the section "
                            + "before it with \(tag.writing("#" + tag.name))"
                    )
                }
                guard innermost.name == tag.name else {
                    return (
                        tag,
                        "\(tag.written) closes '\(tag.name)', but the section open here is \(innermost.written), "
                            + "opened at \(innermost.place); close that one first with \(tag.writing("/" + innermost.name)), or "
                            + "correct the name"
                    )
                }
                open.removeLast()
            }
        }
        return open.last.map {
            ($0, "\($0.written) is never closed; add \($0.writing("/" + $0.name)) where the section ends")
        }
    }
}
