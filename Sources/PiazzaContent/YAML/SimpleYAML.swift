/// Reads the YAML that content files are almost always written in, without libyaml: block mappings of
/// `key: value` lines (nested by indentation), values that are plain, single- or double-quoted scalars on one
/// line, `[a, b]` lists on one line and `- item` lists. The node is the one Yams composes, converted
/// (``YAMLNode/init(_:)``): the same strings, styles and marks (line and column, columns counted in Unicode
/// scalars as libyaml counts them), so ``YAMLReader`` and every error it reports cannot tell them apart.
///
/// Anything else, and anything Yams would reject, is not read here (`nil`): the caller hands the text to
/// Yams, which gives the node or the located error. The subset leaves out, among others: tabs, carriage
/// returns and other control or line-break characters, empty values, multi-line scalars, escapes in
/// double quotes, block scalars (`|`, `>`), anchors, aliases, tags, flow mappings, lists in lists, keys
/// that are not plain words, a key written twice, document markers.
///
/// Why, measured on the 10,000-page bench tree (`bench/gen_tree.py`, 10,103 front matters, release, one core):
/// Yams composed them in 0.64 s with its encoding given (libyaml's events, then a regular expression resolving
/// every key's tag to check for duplicate keys; without the encoding it also reads the process environment once
/// a document); this reader composed the 10,081 it accepts into Yams nodes in 0.11 s, and builds ``YAMLNode``s
/// instead of them since Yams nodes were measured at about 8 % of the build's CPU. The equivalence is tested
/// against Yams on the demo content, tricky texts and generated ones (`SimpleYAMLTests`).
enum SimpleYAML {
    /// The node Yams composes from `text`, or `nil` when `text` is outside the subset (or has no node).
    static func compose(_ text: String) -> YAMLNode? {
        var bytes = Array(text.utf8)
        guard allowed(bytes) else { return nil }
        bytes.append(UInt8(ascii: "\n"))
        var parser = Parser(bytes: bytes)
        guard let root = parser.next, parser.lines[root].indent == 0, let node = parser.mapping(indent: 0),
            parser.next == nil
        else { return nil }
        return node
    }

    /// Whether every character is one the subset reads as libyaml does: printable, no tab, no line break but
    /// `\n` (so no `\r`, NEL, LS or PS), no byte order mark (libyaml skips one at the start of a line).
    private static func allowed(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 && byte != UInt8(ascii: "\n") || byte == 0x7F { return false }
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            let third = index + 2 < bytes.count ? bytes[index + 2] : 0
            // U+0080–U+009F (C1 controls and NEL), U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF.
            if byte == 0xC2 && next < 0xA0 { return false }
            if byte == 0xE2 && next == 0x80 && (third == 0xA8 || third == 0xA9) { return false }
            if byte == 0xEF && (next == 0xBB && third == 0xBF || next == 0xBF && third >= 0xBE) { return false }
            index += 1
        }
        return true
    }

    private struct Line {
        /// Byte offsets of the line's first byte and of its `\n`.
        var start: Int
        var end: Int
        /// Spaces before the first character.
        var indent: Int
        /// 1-based, in the text.
        var number: Int
    }

    private struct Parser {
        let bytes: [UInt8]
        /// Lines with content (not blank, not a comment), in order.
        let lines: [Line]
        /// The first line not read yet.
        var current = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
            var lines: [Line] = []
            var start = 0
            var number = 1
            for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
                var first = start
                while first < index && bytes[first] == UInt8(ascii: " ") { first += 1 }
                if first < index && bytes[first] != UInt8(ascii: "#") {
                    lines.append(Line(start: start, end: index, indent: first - start, number: number))
                }
                start = index + 1
                number += 1
            }
            self.lines = lines
        }

        /// The index of the next line with content, if any.
        var next: Int? { current < lines.count ? current : nil }

        /// A block mapping whose keys are the lines at `indent`, from the current line on.
        mutating func mapping(indent: Int) -> YAMLNode? {
            let first = lines[current]
            var pairs: [YAMLNode.Pair] = []
            var keys: Set<String> = []
            while let index = next {
                let line = lines[index]
                if line.indent < indent { break }
                guard line.indent == indent, let (key, colon) = self.key(line) else { return nil }
                guard keys.insert(key).inserted else { return nil }
                let keyNode = node(.scalar(.init(string: key, style: .plain)), line, line.start + indent)
                var position = colon + 1
                while bytes[position] == UInt8(ascii: " ") { position += 1 }
                current += 1
                let value: YAMLNode
                if position == line.end || bytes[position] == UInt8(ascii: "#") {
                    guard let nested = block(after: indent) else { return nil }
                    value = nested
                } else {
                    guard let (scalar, end) = inline(line, at: position), restIsBlank(line, from: end),
                        next.map({ lines[$0].indent <= indent }) ?? true
                    else { return nil }
                    value = scalar
                }
                pairs.append(YAMLNode.Pair(key: keyNode, value: value))
            }
            return node(.mapping(pairs), first, first.start + indent)
        }

        /// The value of a key with nothing after its colon: a mapping indented more, or a `- item` list
        /// indented at least as much. An empty value is outside the subset (libyaml places it at the token
        /// after it).
        mutating func block(after indent: Int) -> YAMLNode? {
            guard let index = next else { return nil }
            let line = lines[index]
            if isItem(line), line.indent >= indent { return sequence(indent: line.indent) }
            if line.indent > indent, key(line) != nil { return mapping(indent: line.indent) }
            return nil
        }

        /// A block list whose items are the `- ` lines at `indent`, each one scalar on its line.
        mutating func sequence(indent: Int) -> YAMLNode? {
            let start = lines[current]
            var items: [YAMLNode] = []
            while let index = next {
                let line = lines[index]
                guard line.indent == indent, isItem(line) else {
                    if line.indent > indent { return nil }
                    break
                }
                var position = line.start + indent + 1
                while bytes[position] == UInt8(ascii: " ") { position += 1 }
                guard position < line.end, bytes[position] != UInt8(ascii: "["),
                    let (item, end) = inline(line, at: position), restIsBlank(line, from: end)
                else { return nil }
                current += 1
                if let following = next, lines[following].indent > indent { return nil }
                items.append(item)
            }
            return node(.sequence(items), start, start.start + indent)
        }

        /// Whether the line is a `- ` list item (or a lone `-`).
        func isItem(_ line: Line) -> Bool {
            let dash = line.start + line.indent
            return bytes[dash] == UInt8(ascii: "-") && (bytes[dash + 1] == UInt8(ascii: " ") || dash + 1 == line.end)
        }

        /// The key of a `key:` line and the offset of its colon: a plain word of ASCII letters, digits, `_`
        /// and `-`, starting with a letter or `_`, followed by `:` and a space or the end of the line.
        func key(_ line: Line) -> (String, Int)? {
            let start = line.start + line.indent
            var index = start
            guard Self.isLetter(bytes[index]) || bytes[index] == UInt8(ascii: "_") else { return nil }
            while Self.isLetter(bytes[index]) || Self.isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "_")
                || bytes[index] == UInt8(ascii: "-")
            {
                index += 1
            }
            guard bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: " ") || index + 1 == line.end,
                index - start <= 1000
            else { return nil }
            return (String(decoding: bytes[start..<index], as: UTF8.self), index)
        }

        /// After a value: only spaces, then the end of the line or a ` #` comment.
        func restIsBlank(_ line: Line, from position: Int) -> Bool {
            var index = position
            while bytes[index] == UInt8(ascii: " ") { index += 1 }
            return index == line.end || (index > position && bytes[index] == UInt8(ascii: "#"))
        }

        /// A value written on one line, starting at `position`: its node and the offset after it.
        func inline(_ line: Line, at position: Int) -> (YAMLNode, Int)? {
            switch bytes[position] {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                return quoted(line, at: position)
            case UInt8(ascii: "["):
                return flowSequence(line, at: position)
            default:
                return plain(line, at: position, inFlow: false)
            }
        }

        /// `"text"` without backslashes, or `'text'` with `''` for a quote.
        func quoted(_ line: Line, at position: Int) -> (YAMLNode, Int)? {
            let quote = bytes[position]
            var text: [UInt8] = []
            var index = position + 1
            while true {
                guard index < line.end else { return nil }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") { return nil }
                if byte == quote {
                    guard quote == UInt8(ascii: "'"), bytes[index + 1] == quote else { break }
                    index += 1
                }
                text.append(byte)
                index += 1
            }
            let style: YAMLNode.Style = quote == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted
            let string = String(decoding: text, as: UTF8.self)
            return (node(.scalar(.init(string: string, style: style)), line, position), index + 1)
        }

        /// `[a, b, "c"]` on one line, items plain or quoted; `[]` is empty.
        func flowSequence(_ line: Line, at position: Int) -> (YAMLNode, Int)? {
            var items: [YAMLNode] = []
            var index = skipSpaces(position + 1)
            if bytes[index] == UInt8(ascii: "]") {
                return (node(.sequence(items), line, position), index + 1)
            }
            while true {
                guard index < line.end else { return nil }
                let quote = bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'")
                guard let (item, end) = quote ? quoted(line, at: index) : plain(line, at: index, inFlow: true)
                else { return nil }
                items.append(item)
                index = skipSpaces(end)
                if bytes[index] == UInt8(ascii: "]") { break }
                guard bytes[index] == UInt8(ascii: ",") else { return nil }
                index = skipSpaces(index + 1)
            }
            return (node(.sequence(items), line, position), index + 1)
        }

        func skipSpaces(_ position: Int) -> Int {
            var index = position
            while bytes[index] == UInt8(ascii: " ") { index += 1 }
            return index
        }

        /// A plain scalar: not starting with an indicator (a `-` only before a digit), without `: ` or a
        /// final `:`, ended by ` #`, the end of the line or, in a `[...]` list, by `,` or `]` (and without
        /// `[`, `{`, `}`, `:` or `#` there); trailing spaces are not part of it.
        func plain(_ line: Line, at position: Int, inFlow: Bool) -> (YAMLNode, Int)? {
            let first = bytes[position]
            if Self.indicators.contains(first) {
                guard first == UInt8(ascii: "-"), Self.isDigit(bytes[position + 1]) else { return nil }
            }
            var index = position
            var end = position
            while index < line.end {
                let byte = bytes[index]
                if byte == UInt8(ascii: " ") {
                    if bytes[index + 1] == UInt8(ascii: "#") { break }
                    index += 1
                    continue
                }
                if inFlow {
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") { break }
                    if Self.flowForbidden.contains(byte) { return nil }
                } else if byte == UInt8(ascii: ":")
                    && (bytes[index + 1] == UInt8(ascii: " ") || index + 1 == line.end)
                {
                    return nil
                }
                index += 1
                end = index
            }
            guard end > position else { return nil }
            let string = String(decoding: bytes[position..<end], as: UTF8.self)
            return (node(.scalar(.init(string: string, style: .plain)), line, position), end)
        }

        /// A node starting at byte offset `position` of `line`; its column counts Unicode scalars, as libyaml does.
        func node(_ kind: YAMLNode.Kind, _ line: Line, _ position: Int) -> YAMLNode {
            var column = 1
            for byte in bytes[line.start..<position] where byte & 0xC0 != 0x80 { column += 1 }
            return YAMLNode(kind, line: line.number, column: column)
        }

        static let indicators: Set<UInt8> = Set("-?:,[]{}#&*!|>'\"%@`".utf8)
        static let flowForbidden: Set<UInt8> = Set("[]{}:#\"'".utf8)

        static func isLetter(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }

        static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    }
}
