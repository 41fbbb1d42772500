import Foundation
import Testing

@testable import PiazzaContent

@Suite("Addresses content links to are http, https, mailto, tel or paths of the portal")
struct LinkAddressTests {
    @Test(
        "web, mail and phone addresses, in any case, are absolute; paths, queries and fragments are paths",
        arguments: [
            ("https://comune.example.it/a?b=1#c", LinkAddress.Kind.absolute),
            ("HTTP://comune.example.it", .absolute),
            ("mailto:welfare@comune.example.it", .absolute),
            ("Tel:+390490000000", .absolute),
            ("//cdn.example.it/x.pdf", .absolute),
            ("../static/Bando misura 1.pdf", .path),
            ("/privacy.md", .path),
            ("#contatti", .path),
            ("?anno=2026", .path),
            ("R&D.pdf", .path),
        ])
    func accepted(text: String, kind: LinkAddress.Kind) throws {
        #expect(try LinkAddress.check(text).kind == kind)
    }

    @Test(
        "the address comes back without the spaces at its ends, and only those",
        arguments: [
            ("https://comune.example.it/a", "https://comune.example.it/a"),
            ("  https://comune.example.it/a  ", "https://comune.example.it/a"),
            (" ../static/Bando misura 1.pdf ", "../static/Bando misura 1.pdf"),
            // A space followed by a combining mark is one Character that is not a space: it stays.
            ("a.md \u{301}", "a.md \u{301}"),
            ("\u{A0}a.md", "\u{A0}a.md"),
        ])
    func trimmed(text: String, address: String) throws {
        #expect(try LinkAddress.check(text).address == address)
    }

    @Test(
        "other schemes, backslashes, invisible characters and character references are refused, however they are disguised",
        arguments: [
            ("javascript:alert(document.domain)", "uses the 'javascript:' scheme"),
            ("JaVaScRiPt:alert(1)", "uses the 'javascript:' scheme"),
            ("  javascript:alert(1)", "uses the 'javascript:' scheme"),
            ("java\tscript:alert(1)", "has an invisible or control character (U+0009)"),
            ("java\nscript:alert(1)", "has an invisible or control character (U+000A)"),
            ("\u{1}javascript:alert(1)", "has an invisible or control character (U+0001)"),
            ("java\u{200B}script:alert(1)", "has an invisible or control character (U+200B)"),
            ("javascript&#58;alert(1)", "has an HTML character reference"),
            ("javascript&colon;alert(1)", "has an HTML character reference"),
            ("&#106;avascript:alert(1)", "has an HTML character reference"),
            ("vbscript:msgbox(1)", "uses the 'vbscript:' scheme"),
            ("data:text/html;base64,PHNjcmlwdD4=", "uses the 'data:' scheme"),
            ("file:///etc/passwd", "uses the 'file:' scheme"),
            ("blob:https://x.example/1", "uses the 'blob:' scheme"),
            ("..\\static\\logo.svg", "has a backslash (\\), which browsers read as /; use / in links"),
            ("/\\evil.example", "has a backslash"),
            ("https:\\\\evil.example", "has a backslash"),
        ])
    func refused(text: String, reason: String) {
        let refusal = #expect(throws: LinkAddress.Refusal.self) { try LinkAddress.check(text) }
        #expect(refusal?.reason.hasPrefix(reason) == true, "\(String(describing: refusal))")
    }

    @Test("access.online and accessibility_statement with a script address are errors at the value")
    func frontMatterAndPortal() throws {
        let content = try ContentFixture()
        let page = serviceFrontMatter.replacingOccurrences(
            of: "  place: Municipio", with: "  online: javascript:alert(document.domain)")
        try content.write("alfa/servizi/prova.md", page + serviceBody())
        let config = try content.read("beta/portal.yaml")
        try content.write(
            "beta/portal.yaml",
            config.replacingOccurrences(
                of: "accessibility_statement: https:", with: "accessibility_statement: javascript:alert(1)//"))
        #expect(
            content.diagnostics().map(\.description) == [
                "alfa/servizi/prova.md:13:11: error: `online` in `access` of the service is 'javascript:alert(document.domain)', which uses the 'javascript:' scheme; links can be http, https, mailto or tel addresses, or paths to pages and files of the portal",
                "beta/portal.yaml:10:26: error: `accessibility_statement` in portal.yaml is 'javascript:alert(1)////form.agid.gov.it/view/beta', which uses the 'javascript:' scheme; links can be http, https, mailto or tel addresses, or paths to pages and files of the portal",
            ])
    }
}

@Suite("Markdown links follow the address rule, and / is the portal root")
struct MarkdownLinkRuleTests {
    /// Renders a page of portal alfa holding `markdown` and returns the diagnostics and HTML.
    func render(_ markdown: String) throws -> ([String], String) {
        let content = try ContentFixture()
        try content.write("alfa/chi-siamo.md", "---\ntitle: Chi siamo\n---\n\n\(markdown)\n")
        let portal = try #require(try content.load().portal("alfa"))
        var diagnostics = DiagnosticList()
        let html = portal.renderBody(of: try #require(portal.page(id: "chi-siamo.md")), into: &diagnostics).html
        return (diagnostics.sorted.map(\.description), html)
    }

    @Test(
        "a script, data or file link or image is an error at the link",
        arguments: [
            ("[x](javascript:alert(1))", "link to 'javascript:alert(1)' uses the 'javascript:' scheme"),
            ("[x](<JAVASCRIPT:alert(1)>)", "link to 'JAVASCRIPT:alert(1)' uses the 'javascript:' scheme"),
            (
                "[x](java&#x09;script:alert(1))",
                "link to 'java<U+0009>script:alert(1)' has an invisible or control character (U+0009)"
            ),
            ("[x](&#106;avascript:alert(1))", "link to 'javascript:alert(1)' uses the 'javascript:' scheme"),
            (
                "![x](data:image/svg+xml;base64,PHN2Zz4=)",
                "link to 'data:image/svg+xml;base64,PHN2Zz4=' uses the 'data:' scheme"
            ),
            ("[x](file:///etc/passwd)", "link to 'file:///etc/passwd' uses the 'file:' scheme"),
            ("[x](vbscript:msgbox)", "link to 'vbscript:msgbox' uses the 'vbscript:' scheme"),
        ])
    func scriptLinks(markdown: String, message: String) throws {
        let (diagnostics, _) = try render(markdown)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("alfa/chi-siamo.md:5:1: error: \(message)") == true, "\(diagnostics)")
    }

    @Test("an error in the text is at the column the editor shows: accented letters before it count one each")
    func characterColumns() throws {
        let missing =
            "which does not exist in portal 'alfa'; fix the path to a page (.md), a static/ file or a forms/ID.yaml, relative to this file or starting with / from the portal root"
        let (diagnostics, _) = try render(
            "àààà [qui](nessuna.md) e ![](https://example.org/x.png)\n\n| città | perché |\n|---|---|\n| è | [qui](altra.md) |"
        )
        #expect(
            diagnostics == [
                "alfa/chi-siamo.md:5:6: error: link to 'nessuna.md' points to 'nessuna.md', \(missing)",
                "alfa/chi-siamo.md:5:26: error: image 'https://example.org/x.png' is not a file of the portal; pages make no requests to other sites, so put the image under static/ and link it from there",
                "alfa/chi-siamo.md:9:7: error: link to 'altra.md' points to 'altra.md', \(missing)",
            ])
    }

    @Test("raw HTML taken out is reported at the column the editor shows")
    func rawHTMLCharacterColumns() throws {
        let content = try ContentFixture()
        try content.write("alfa/portal.yaml", try content.read("alfa/portal.yaml") + "allow_raw_html: true\n")
        try content.write(
            "alfa/chi-siamo.md", "---\ntitle: Chi siamo\n---\n\nPerché è così: <b onclick=\"x()\">sì</b>\n")
        let portal = try #require(try content.load().portal("alfa"))
        var diagnostics = DiagnosticList()
        _ = portal.renderBody(of: try #require(portal.page(id: "chi-siamo.md")), into: &diagnostics)
        #expect(diagnostics.sorted.map(\.location.description) == ["alfa/chi-siamo.md:5:19"])
    }

    @Test("a link written with backslashes is an error telling to use /")
    func backslash() throws {
        let (diagnostics, _) = try render("[logo](..\\static\\logo.svg)")
        #expect(
            diagnostics == [
                "alfa/chi-siamo.md:5:1: error: link to '..\\static\\logo.svg' has a backslash (\\), which browsers read as /; use / in links"
            ])
    }

    @Test("a link from / that names nothing in the portal is missing, like a relative one")
    func absoluteMissing() throws {
        let (diagnostics, _) = try render("[x](/etc/passwd) e [y](../etc/passwd)")
        #expect(
            diagnostics == [
                "alfa/chi-siamo.md:5:1: error: link to '/etc/passwd' points to 'etc/passwd', which does not exist in portal 'alfa'; fix the path to a page (.md), a static/ file or a forms/ID.yaml, relative to this file or starting with / from the portal root",
                "alfa/chi-siamo.md:5:20: error: link to '../etc/passwd' points to '../etc/passwd', which does not exist in portal 'alfa'; fix the path to a page (.md), a static/ file or a forms/ID.yaml, relative to this file or starting with / from the portal root",
            ])
    }

    @Test("the portal root, a section list and web addresses are written as links to them")
    func folders() throws {
        let (diagnostics, html) = try render(
            "[home](/) [servizi](/servizi/) [notizie](notizie) [sito](https://comune.example.it) [qui](#sopra)")
        #expect(diagnostics.isEmpty)
        #expect(
            html == """
                <p><a href="../">home</a> <a href="../servizi/">servizi</a> <a href="../notizie/">notizie</a> \
                <a href="https://comune.example.it">sito</a> <a href="#sopra">qui</a></p>

                """)
    }
}
