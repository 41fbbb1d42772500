import Foundation
import Testing
import Yams

@testable import PiazzaContent

@Suite("Front matter read without libyaml gives exactly the node Yams gives, or is left to Yams")
struct SimpleYAMLTests {
    /// Everything ``YAMLReader`` and its errors can see of a node: kind, text, style and place.
    static func shape(_ node: YAMLNode) -> String {
        let place = "@\(node.mark.line):\(node.mark.column)"
        switch node.kind {
        case .scalar(let scalar):
            return "\(scalar.string.debugDescription) \(scalar.style) \(place)"
        case .sequence(let items):
            return "[\(place) " + items.map(shape).joined(separator: ", ") + "]"
        case .mapping(let pairs):
            return "{\(place) " + pairs.map { shape($0.key) + ": " + shape($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// What Yams gives for `text`, as the loaders get it: the node's shape, "nothing" or "error".
    static func yams(_ text: String) -> String {
        do {
            return try Yams.compose(yaml: text).map { shape(YAMLNode($0)) } ?? "nothing"
        } catch {
            return "error"
        }
    }

    /// Checks that the fast path gives Yams' node whenever it gives one; returns whether it did.
    @discardableResult
    static func expectSameAsYams(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        guard let node = SimpleYAML.compose(text) else { return false }
        #expect(shape(node) == yams(text), "\(text.debugDescription)", sourceLocation: sourceLocation)
        return true
    }

    @Test("every front matter and YAML file of the demo content, most of them read by the fast path")
    func demoContent() throws {
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("content")
        let paths = try #require(FileManager.default.subpaths(atPath: content.path)).sorted()
        var fast = 0
        var pages = 0
        for path in paths where path.hasSuffix(".md") || path.hasSuffix(".yaml") {
            let text = try String(contentsOf: content.appendingPathComponent(path), encoding: .utf8)
            let yaml = path.hasSuffix(".md") ? try FrontMatter(splitting: text).yaml : text
            if path.hasSuffix(".md") { pages += 1 }
            if Self.expectSameAsYams(yaml) && path.hasSuffix(".md") { fast += 1 }
        }
        #expect(pages > 40 && fast >= pages * 9 / 10)
    }

    /// Texts the fast path reads: quotes, colons and `#` in values, words YAML 1.1 reads as booleans, numbers,
    /// dates, unicode (columns count scalars, as libyaml does), comments, nested mappings, both list styles.
    static let read = [
        "title: \"a: b\"\nb: 'it''s'\nc: a:b\nd: http://x.it/a?b=c#frag\ne: ''''",
        "title: foo # comment\nb: foo#bar\nc: \"foo\" # c\nd: x #c #d\ne: 'x' ",
        "draft: yes\na: no\nb: on\nc: off\nd: True\ne: y\nf: ~\ng: null\nh: NO",
        "weight: 10\na: -3\nb: 0x1F\nc: 1e3\nd: 1_000\ne: .5\nf: +1\ng: 012",
        "date: 2024-01-02\na: 2024-1-2\nb: 2024-01-02 10:00\nc: 2024-01-02T10:00:00Z",
        "title:   spaced   value   \na: \"\"\nb: ''\nc: \"   \"\nd: '  x  '",
        "title: Città di Vigonza — é ✓ 😀\ndescription: \"emoji 😀 x\"\ntopics: [Città, \"b, c\", 'd', 😀]",
        "topics: []\na: [ a , b ]\nb: [a,b]\nc: [a b c, d e] # c",
        "topics:\n  - a\n  -   \"b\"\n  - 'c'   # c\ntitle: x",
        "topics:\n- a\n- b\ntitle: x",
        "# intro\n\naccess: # channels\n  online: https://x.it\n  # nested comment\n\n  place: Via Roma 1\ntitle: t",
        "a:\n  b:\n    c: d\n  e: f\ng: h",
        "a: a ]\nb: a, b\nc: a}\nd: x - y\ne: x ? y\nf: a\"b\ng: a'b\nh: \"a'b\"\ni: 'a\"b'",
        "a-b: c\n_x: d\nA1: e",
    ]

    @Test("tricky values are read as Yams reads them", arguments: read)
    func tricky(text: String) {
        #expect(Self.expectSameAsYams(text))
    }

    /// Texts left to Yams: each is an error there, or outside the subset.
    static let left = [
        "", "# only a comment\n", "title:", "title:\ndraft: true", "title: x\n  continued", "title: |\n  block",
        "title: >\n  folded", "title: &a x\nother: *a", "title: !!str 5", "title: \"esc \\\" q\"", "\ttitle: x",
        "title: x\ty", "title: x\r\nb: y", "title: a\ntitle: b", "? complex\n: x", "---\ntitle: x", "title: x\n...",
        "key with space: x", "\"quoted\": x", "title: [a, b] trailing", "title: {a: b}", "a: a: b", "a: foo:",
        "a: -x", "a: - x", "a: [a, [b]]", "a: [a: b]", "a: [a #x]", "a: [a, b,]", "a: \"unterminated",
        "a: [x, y", "a: b\n c: d", "access:\n    place: x\n  form: y", "topics:\n  - a\n   - b",
        "topics:\n  - a\n  - b: c", "title: x\u{85}y", "title: x\u{2028}y", "title: x\u{FEFF}y", "\u{FEFF}a: b",
        String(repeating: "k", count: 1030) + ": v",
    ]

    @Test("errors and everything outside the subset are left to Yams", arguments: left)
    func leftToYams(text: String) {
        #expect(SimpleYAML.compose(text) == nil)
    }

    /// Lines made of YAML's special characters, generated from a fixed seed: whatever the fast path reads
    /// must be what Yams reads.
    @Test("five thousand generated texts: the fast path never differs from Yams")
    func generated() {
        let pieces = [
            " ", "a", "b", ":", "-", "#", "\"", "'", "[", "]", ",", "\n", "  ", "é", "😀", "x: ", "- ", "\\", "{", "}",
            "&", "*", "!", "|", ">", "?", "%", "@", "`", ".", "0", "1", "\nk: ", "\n  k: ", "\n  - ", "\n- ",
            "\n    ", "yes", "~", "\t",
        ]
        var state: UInt64 = 0x5EED
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var read = 0
        for _ in 0..<5000 {
            var text = "k: "
            for _ in 0...random(30) { text += pieces[random(pieces.count)] }
            if Self.expectSameAsYams(text) { read += 1 }
        }
        #expect(read > 100)
    }
}
