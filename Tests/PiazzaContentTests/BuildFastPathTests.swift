import Foundation
import Testing

@testable import PiazzaContent

/// The hand-written checks a build runs for every page, link and service give what the regular
/// expressions and Foundation's string functions they replace gave.
@Suite("Build's hand-written checks give what Foundation's did")
struct BuildFastPathTests {
    /// Addresses around the edges of both rules: references with and without `;`, schemes with
    /// every allowed and some refused characters, non-ASCII letters and combining marks.
    static let addresses = [
        "", "&", "&#", "&#58;", "a&b", "R&D.pdf", "R&D;", "&amp", "&amp;", "&a1;", "&1a;", "x&&y;", "&;", "&-a;",
        "a&b&c;", "&à;", "&a\u{301};", "/&#58;", "a/&amp;", "&Aa9zZ;x", "?q=&amp;", "#&x;", "&\u{FF41};",
        "http", "h:", "H+.-9:x", "1http:", "+a:", "a b:", "à:", "ht\u{301}tp:", "a_b:", "mailto:", ":x", "tel:+39",
        "A.B-C+D:e", "x:/y", "\u{FF48}ttp:",
    ]

    @Test("a character reference is found where the regular expression found one", arguments: addresses)
    func characterReference(text: String) {
        let regex = text.range(of: "&(#|[a-zA-Z][a-zA-Z0-9]*;)", options: .regularExpression) != nil
        #expect(LinkAddress.hasCharacterReference(Substring(text).utf8) == regex)
    }

    @Test("a scheme is what the regular expression called one", arguments: addresses)
    func scheme(text: String) {
        let head = text.prefix { $0 != ":" }
        let regex = head.range(of: "^[a-zA-Z][a-zA-Z0-9+.-]*$", options: .regularExpression) != nil
        #expect(LinkAddress.isScheme(head.utf8) == regex)
    }

    @Test("ASCII text folds as Foundation folds it, for every ASCII character, and so do slugs")
    func asciiSlugs() {
        let ascii = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }
        let texts =
            ascii.map { "Ab\($0)9 Z" } + [
                "Tempo Libero", "  --ANZIANI--  ", "", "!!", "Casa_2026", "A CHI È RIVOLTO", "Città", "ǅemal", "Straße",
            ]
        for text in texts {
            let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            #expect(text.caseAndDiacriticFolded == folded, "\(text.debugDescription)")
        }
        #expect(Slug.make("Caffè Centrale", fallback: "x") == "caffe-centrale")
        #expect(Slug.make("Tempo LIBERO", fallback: "x") == "tempo-libero")
        #expect(Slug.make("!!", fallback: "x") == "x")
    }

    @Test("every ASCII character is its own compatibility form, so the formula guard may skip Foundation for it")
    func asciiCompatibility() {
        for value in UInt8(0)..<128 {
            let scalar = Unicode.Scalar(value)
            #expect(Array(String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars) == [scalar])
        }
    }

    @Test(
        "open-data CSV quotes a cell with a comma, a quote or a line break at the byte, a combining mark after it included",
        arguments: [
            ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("a\r\nb", "\"a\r\nb\""),
            ("a\nb", "\"a\nb\""), ("a\rb", "\"a\rb\""), (",\u{301}", "\",\u{301}\""), ("\"\u{301}", "\"\"\"\u{301}\""),
            ("\r\n", "\"'\r\n\""), ("", ""), ("città; comune", "città; comune"),
        ])
    func csvQuoting(cell: String, written: String) {
        #expect(OpenDataCSV.text([["h"], [cell]]) == "h\r\n\(written)\r\n")
    }

    @Test("open-data CSV ends every line, an empty table with one line end")
    func csvLines() {
        #expect(OpenDataCSV.text([]) == "\r\n")
        #expect(OpenDataCSV.text([["a", "b"], ["1", "2"], ["3", "4"]]) == "a,b\r\n1,2\r\n3,4\r\n")
    }

    @Test("Markdown rendered on many threads at once is what one thread renders")
    func parallelMarkdown() async {
        let texts = (0..<64).map { index in
            """
            # Titolo \(index)

            | a | b |
            |:--|--:|
            | ~~x~~ | https://example.it/\(index) |

            - [ ] da fare
            - [x] fatto

            Un [collegamento](pagina-\(index).md) e <em>HTML</em>.
            """
        }
        let rewrite: (Markdown.Link) -> String? = { "/riscritto/" + $0.destination }
        let serial = texts.map { Markdown.render($0, rewrite: rewrite) }
        let parallel = await withTaskGroup(of: (Int, String).self) { group in
            for (index, text) in texts.enumerated() {
                group.addTask { (index, Markdown.render(text) { "/riscritto/" + $0.destination }) }
            }
            var results = [String](repeating: "", count: texts.count)
            for await (index, html) in group { results[index] = html }
            return results
        }
        #expect(parallel == serial)
        #expect(serial[3].contains("href=\"/riscritto/pagina-3.md\""))
        #expect(serial[3].contains("aria-label=\"fatto\""))
        #expect(serial[3].contains("<del>x</del>"))
    }
}
