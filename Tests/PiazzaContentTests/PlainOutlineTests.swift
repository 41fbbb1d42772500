import Foundation
import Testing

@testable import PiazzaContent

@Suite("A text's outline read from its lines is the one cmark parses, or none")
struct PlainOutlineTests {
    /// Lines and blocks a body is made of: headings of every kind and at every indent, fences, lists, quotes,
    /// HTML, tables, underlines and headings whose text has markup.
    static let fragments = [
        "## Contatti", "# Uno", "### Tre", "## Due ##", "## *Otto*", "##", "## ###", "# #", "#nove", "####### sette",
        " ## Rientrato", "   # Tre spazi", "    ## Codice", "\t## Tab", "## Tab\tdentro", "## Spazi   doppi   ",
        "## fine   #  ", "## a#", "## C# e F#", "## a \\#", "## &amp;", "## `x`", "## Orari: 9-12",
        "## Vedi www.esempio.it",
        "## A chi è rivolto", "Testo semplice.", "", "   ", "- voce", "- ## Sei", "1. voce", "  ## nella voce",
        "> ## Citata", "> testo", "```", "``` swift", "```a`b", "~~~", "````", "  ```", "   ~~~", "---", "===", "  ---",
        "- - -", "* * *", "Titolo", "<div>", "</div>", "<!-- c -->", "| a | b |", "|---|---|", "[rif]: /url",
        "## Riga\r", "\u{FEFF}## Bom",
    ]

    static func expectSame(_ text: String) -> Bool? {
        let lines = text.lines()
        guard let plain = Markdown.plainOutline(of: text, lines: lines) else { return nil }
        let parsed = Markdown.parsedOutline(of: text, lines: lines)
        #expect(plain == parsed, "\(text.debugDescription)")
        return plain == parsed
    }

    @Test("every pair of fragments, and a thousand texts of six drawn in a fixed order, read alike when read at all")
    func generated() {
        var read = 0
        for first in Self.fragments {
            for second in Self.fragments where Self.expectSame(first + "\n" + second + "\n") != nil { read += 1 }
        }
        var random = SplitMix64(seed: 17)
        for _ in 0..<1000 {
            let text = (0..<6).map { _ in Self.fragments[Int(random.next() % UInt64(Self.fragments.count))] }
            if Self.expectSame(text.joined(separator: "\n")) != nil { read += 1 }
        }
        // Most texts have nothing the scan gives up on: it does read them.
        #expect(read > 1000)
    }

    @Test("the page bodies of the demo content read alike, and every service's is read from its lines")
    func demoContent() throws {
        let pages = LoadingFastPathTests.demoPages()
        #expect(pages.count > 40)
        for page in pages {
            let split = try FrontMatter(splitting: page)
            let read = Self.expectSame(String(split.body))
            #expect(read != false)
            // `max_response_days` is a key of services only.
            if split.yaml.contains("max_response_days:") { #expect(read == true, "\(page.prefix(80))") }
        }
    }

    @Test(
        "lines are split at line feeds, a carriage return before one dropped",
        arguments: [
            ("", [""]), ("a", ["a"]), ("a\n", ["a", ""]), ("a\r\nb\rc\n\r\n", ["a", "b\rc", "", ""]),
            ("\r\n", ["", ""]), ("è\nß😀\r\nz", ["è", "ß😀", "z"]),
        ])
    func lines(text: String, expected: [String]) {
        #expect(text.lines().map(String.init) == expected)
        #expect(text.dropFirst(0).lines().map(String.init) == expected)
    }
}

/// A fixed sequence of numbers (SplitMix64), so a failure names a text that can be found again.
private struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
