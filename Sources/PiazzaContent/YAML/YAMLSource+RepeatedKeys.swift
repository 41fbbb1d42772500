import Yams

extension YAMLSource {
    /// A key Yams refused as written twice (`duplicatedKeysInMapping`), renamed in the text so that the
    /// next compose goes past it: where it was written and what it was.
    private struct RenamedKey {
        let line: Int
        let column: Int
        let key: String
    }

    /// The most repeated keys a text is read past; beyond them the first one left is reported where
    /// Yams places it.
    private static let renamedKeysLimit = 100

    /// The first character of the `n`th renamed key: a private-use character (U+E000 onwards), one Unicode scalar
    /// (the columns libyaml counts stay the same) that YAML reads as text and no editor writes. Each renamed key
    /// gets its own, so that a key written three times is not written twice again once two of them are renamed.
    private static func renamingCharacter(_ n: Int) -> Unicode.Scalar { Unicode.Scalar(0xE000 + UInt32(n))! }

    /// `text`, whose composing Yams refused for a key written twice (at its first occurrence `line`:`column`,
    /// named `key`): every key written again is an error at the repeat, naming the first's line (CONTENT.md: "A
    /// key written twice … is an error at the second"), and the node is given without the repeats, so that the
    /// loader goes on and the file's other errors are reported in the same run.
    ///
    /// Yams checks repeated keys after composing a mapping and throws only the first one's place, so each
    /// one it names is renamed in the text (its first character replaced by ``renamingCharacter(_:)``) and the
    /// text composed again, until it composes; the repeats are then found in the node, where their places
    /// are. `nil` when the key cannot be found written as a key (in a `{ … }` mapping: the caller reports Yams'
    /// error).
    func composeReportingRepeatedKeys(
        _ text: String, key: String, line: Int, column: Int, into sink: DiagnosticSink
    ) -> YAMLNode? {
        var scalars = Array(text.unicodeScalars)
        let lineStarts = [0] + scalars.indices.filter { scalars[$0] == "\n" }.map { $0 + 1 }
        var renamed: [RenamedKey] = []
        var next: (key: String, line: Int, column: Int)? = (key, line, column)
        // Where `key` is written as a key: at `line`:`column` when Yams' place holds it, else (Yams places a
        // repeat in a nested mapping at no line) its first occurrence not renamed yet, at the start of a line
        // after its indentation and `- `; a key renamed there that was not a repeat gets its name back below.
        func place(of key: String, line: Int, column: Int) -> Int? {
            func isKey(at index: Int) -> Bool {
                var end = index + key.unicodeScalars.count
                guard end <= scalars.count, scalars[index..<end].elementsEqual(key.unicodeScalars) else { return false }
                if end < scalars.count, scalars[end] == "\"" || scalars[end] == "'" { end += 1 }
                while end < scalars.count, scalars[end] == " " { end += 1 }
                return end < scalars.count && scalars[end] == ":"
            }
            func skippingQuote(_ index: Int) -> Int {
                index < scalars.count && (scalars[index] == "\"" || scalars[index] == "'") ? index + 1 : index
            }
            if line >= 1, line <= lineStarts.count {
                let index = skippingQuote(lineStarts[line - 1] + column - 1)
                if isKey(at: index) { return index }
            }
            for start in lineStarts {
                var index = start
                while index < scalars.count, scalars[index] == " " || scalars[index] == "-" { index += 1 }
                index = skippingQuote(index)
                if isKey(at: index) { return index }
            }
            return nil
        }
        while let (key, line, column) = next {
            guard renamed.count < Self.renamedKeysLimit, !key.isEmpty,
                let index = place(of: key, line: line, column: column)
            else { return nil }
            let lineNumber = lineStarts.lastIndex { $0 <= index }! + 1
            let columnNumber = index - lineStarts[lineNumber - 1] + 1
            scalars[index] = Self.renamingCharacter(renamed.count)
            renamed.append(RenamedKey(line: lineNumber, column: columnNumber, key: key))
            next = nil
            do {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars)
                guard let node = try Yams.compose(yaml: String(view), .default, Self.constructor, .utf8) else {
                    return nil
                }
                return withoutRepeatedKeys(YAMLNode(node), renamed: renamed, into: sink)
            } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
                guard let first = duplicates.first else { return nil }
                next = (first, context.mark.line, context.mark.column)
            } catch {
                return nil
            }
        }
        return nil
    }

    /// `node` with each mapping's repeated keys taken out (the first kept, the renamed ones given their name
    /// back), each repeat reported at its place.
    private func withoutRepeatedKeys(_ node: YAMLNode, renamed: [RenamedKey], into sink: DiagnosticSink) -> YAMLNode {
        switch node.kind {
        case .scalar:
            return node
        case .sequence(let items):
            return YAMLNode(
                .sequence(items.map { withoutRepeatedKeys($0, renamed: renamed, into: sink) }), line: node.mark.line,
                column: node.mark.column)
        case .mapping(let pairs):
            var kept: [YAMLNode.Pair] = []
            var firstLines: [String: (line: Int, count: Int)] = [:]
            for pair in pairs {
                var key = pair.key
                if let scalar = key.scalar,
                    let original = renamed.first(where: {
                        // A quoted key's place is its quote, one before its first character.
                        $0.line == key.mark.line && ($0.column == key.mark.column || $0.column == key.mark.column + 1)
                    })
                {
                    key = YAMLNode(
                        .scalar(YAMLNode.Scalar(string: original.key, style: scalar.style)), line: key.mark.line,
                        column: key.mark.column)
                }
                if let name = key.string {
                    if let (first, count) = firstLines[name] {
                        firstLines[name] = (first, count + 1)
                        sink.error(
                            file, key.mark.line + lineOffset, key.mark.column,
                            "key `\(name)` is written \(count == 1 ? "twice" : "\(count + 1) times") (first at line \(first)); keep only one"
                        )
                        continue
                    }
                    firstLines[name] = (key.mark.line + lineOffset, 1)
                }
                kept.append(
                    YAMLNode.Pair(key: key, value: withoutRepeatedKeys(pair.value, renamed: renamed, into: sink)))
            }
            return YAMLNode(.mapping(kept), line: node.mark.line, column: node.mark.column)
        }
    }
}

extension YAMLSource {
    /// The first tab in the indentation of 1-based `line` of `text`, else of the line before it (libyaml
    /// reports some tabs at the next token), with its 1-based column in Unicode scalars: what a YAML error
    /// there is about, since YAML refuses tabs in indentation and an editor cannot see them.
    static func indentingTab(near line: Int, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for number in [line, line - 1] where number >= 1 && number <= lines.count {
            let indent = lines[number - 1].unicodeScalars.prefix { $0 == " " || $0 == "\t" }
            if let tab = indent.firstIndex(of: "\t") {
                return (number, indent.distance(from: indent.startIndex, to: tab) + 1)
            }
        }
        return nil
    }
}
