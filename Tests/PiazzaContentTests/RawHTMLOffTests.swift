import Foundation
import PiazzaContent
import Testing

@Suite("An editor's <!-- note --> is never published, and raw HTML a portal does not allow shows no tags")
struct RawHTMLOffTests {
    /// The page of the finding: pasted `<br>`, `<b>`, `<div>` and a comment with a private number.
    static let pasted =
        "Riga uno<br>riga due, <b>importante</b>.\n\n<div class=\"avviso\">Attenzione: scadenza!</div>\n\n"
        + "<!-- commento interno: da togliere, numero privato 333 1234567 -->\n\nFine <!-- nota --> del testo.\n"

    /// `alfa/chi-siamo.md` holding `body` after its front matter (the body starts on line 5), rendered with
    /// `allow_raw_html` as given.
    func render(_ body: String, allowRawHTML: Bool) throws -> (html: String, diagnostics: [String]) {
        let content = try ContentFixture()
        if allowRawHTML {
            try content.write("alfa/portal.yaml", try content.read("alfa/portal.yaml") + "allow_raw_html: true\n")
        }
        try content.write("alfa/chi-siamo.md", "---\ntitle: Chi siamo\n---\n\n" + body)
        let portal = try #require(try content.load().portal("alfa"))
        var diagnostics = DiagnosticList()
        let html = portal.renderBody(of: try #require(portal.page(id: "chi-siamo.md")), into: &diagnostics).html
        return (html, diagnostics.sorted.map(\.description))
    }

    @Test("without raw HTML: comments are left out, tags too with their text kept, <br> is a break, each tag warned")
    func rawHTMLOff() throws {
        let (html, diagnostics) = try render(Self.pasted, allowRawHTML: false)
        #expect(
            html
                == "<p>Riga uno<br />\nriga due, importante.</p>\n<p>Attenzione: scadenza!</p>\n<p>Fine  del testo.</p>\n"
        )
        let off =
            "is not published: this portal does not allow raw HTML (`allow_raw_html` in portal.yaml), so the tag is left out and its text shown"
        #expect(
            diagnostics == [
                "alfa/chi-siamo.md:5:9: warning: raw HTML <br> \(off); for a line break end the line with a backslash \\ (it is shown as one)",
                "alfa/chi-siamo.md:5:23: warning: raw HTML <b> \(off); for bold write **text**",
                "alfa/chi-siamo.md:7:1: warning: raw HTML <div> \(off); leave a blank line between paragraphs, nothing else is needed",
            ])
    }

    @Test("with raw HTML allowed, comments are still left out of the page source, without a message")
    func rawHTMLOn() throws {
        let (html, diagnostics) = try render(Self.pasted, allowRawHTML: true)
        #expect(
            html
                == "<p>Riga uno<br>riga due, <b>importante</b>.</p>\n<div class=\"avviso\">Attenzione: scadenza!</div>\n\n<p>Fine  del testo.</p>\n"
        )
        #expect(diagnostics.isEmpty)
    }

    @Test("what a <style> or <script> block holds is left out with it, and a comment in code stays code")
    func codeLeftOut() {
        #expect(
            Markdown.render("<style>p { color: red }</style>\n\n<script>\nalert(1)\n</script>\n\nTesto.")
                == "<p>Testo.</p>\n")
        #expect(Markdown.render("`<!-- nota -->`") == "<p><code>&lt;!-- nota --&gt;</code></p>\n")
    }

    @Test(
        "what an inline <script> or <style> in a paragraph holds is left out, up to its end tag or the paragraph's end")
    func inlineCodeLeftOut() {
        #expect(
            Markdown.render("Testo <script>alert(1)</script> fine, <style>p { color: red }</style>e *poi*.")
                == "<p>Testo  fine, e <em>poi</em>.</p>\n")
        #expect(
            Markdown.render("Prima <SCRIPT type=\"x\">var a = 1;\nvar b = *2*;\n\nDopo <scripts> e <b>x</b>.")
                == "<p>Prima </p>\n<p>Dopo  e x.</p>\n")
    }
}
