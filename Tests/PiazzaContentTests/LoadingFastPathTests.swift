import Foundation
import Testing

@testable import PiazzaContent

@Suite("Loading's hand-written checks give what Foundation's did")
struct LoadingFastPathTests {
    @Test(
        "trimming drops exactly the scalars of CharacterSet.whitespacesAndNewlines and .whitespaces, over all of Unicode"
    )
    func trimmingSets() {
        var differences: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let isWhitespace = String.isWhitespace(scalar)
            if isWhitespace != CharacterSet.whitespaces.contains(scalar)
                || (isWhitespace || String.isNewline(scalar)) != CharacterSet.whitespacesAndNewlines.contains(scalar)
            {
                differences.append(value)
            }
        }
        #expect(differences.isEmpty)
    }

    @Test(
        "trimmed texts are Foundation's, combining marks and non-BMP characters included",
        arguments: [
            "", " ", "\t\n", " a ", "\u{A0}Città\u{3000}", "\u{2028}x\u{85}", " \u{301}a", "a\u{301} ", "😀 ", " 😀",
            "\u{200B}a\u{200B}", "  due  parole  ", "\r\nriga\r\n", "\u{FEFF}a",
        ])
    func trimming(text: String) {
        #expect(text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
    }

    @Test(
        "content file names follow the rule: lower-case a-z, 0-9 and - folders, then _index or such a name with .md, .yaml or .csv",
        arguments: [
            ("servizi/tutor.md", true), ("servizi/_index.md", true), ("forms/domanda-2.yaml", true),
            ("esercenti.csv", true), ("a/b/c/0-x.md", true), ("_index.md", true), ("Servizi/tutor.md", false),
            ("servizi/Tutor.md", false), ("servizi/tutor.MD", false), ("servizi/tutor.txt", false),
            ("servizi/-tutor.md", false), ("-a/tutor.md", false), ("servizi/tutor", false), ("servizi/.md", false),
            ("servizi/tu tor.md", false), ("servizi/città.md", false), ("_x/tutor.md", false), ("servizi/_x.md", false),
            ("servizi/tutor.md.md", false), ("servizi/tutor.md\n", false), ("a_b/c.md", false), ("a.b/c.md", false),
        ])
    func fileNames(path: String, valid: Bool) {
        let file = SourceFile(path: path, source: "alfa/" + path, absolutePath: "/alfa/" + path)
        #expect(file.hasValidName == valid)
    }

    /// The parts of a split, or the line it is missing.
    static func parts(_ split: () throws(FrontMatter.Missing) -> FrontMatter) -> String {
        do {
            let front = try split()
            return
                "\(front.yaml.debugDescription) | \(front.body.debugDescription) | \(front.bodyStart) | \(front.bodyLine)"
        } catch {
            return "missing \(error)"
        }
    }

    @Test(
        "front matter is split as line by line, edge cases and every page of the demo content",
        arguments: [
            "", "---", "---\n", "---\n---", "---\n---\n", "---\ntitle: x\n---\nbody\n", "--- \ntitle: x\n---  \n\nbody",
            "x\n---\n---\n", "---\na\n\n---\n\n\nb\n\n", "---\n---\n\u{301}à\n", "---\ntitle: è\n---",
            "----\n---\n---\n",
            "---\na: b", "\n---\n---", "---\n--- \u{301}\n---\nb", "---\na: b\n---\n---\nc",
        ] + demoPages())
    func frontMatter(text: String) {
        #expect(
            Self.parts { () throws(FrontMatter.Missing) in try FrontMatter(splitting: text) }
                == Self.parts {
                    () throws(FrontMatter.Missing) in try FrontMatter(splittingLines: text)
                })
    }

    static func demoPages() -> [String] {
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("content")
        let paths = FileManager.default.subpaths(atPath: content.path) ?? []
        return paths.filter { $0.hasSuffix(".md") }.sorted().compactMap {
            try? String(contentsOf: content.appendingPathComponent($0), encoding: .utf8)
        }
    }
}
