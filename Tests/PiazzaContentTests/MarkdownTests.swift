import Foundation
import PiazzaContent
import Testing

@Suite("Markdown renders GitHub Flavored Markdown")
struct MarkdownTests {
    @Test("a table becomes an HTML table with header and body")
    func table() {
        #expect(
            Markdown.render("| Sede | Orario |\n|---|---:|\n| Biblioteca | 14:30 |\n") == """
                <table>
                <thead>
                <tr>
                <th>Sede</th>
                <th style="text-align: right">Orario</th>
                </tr>
                </thead>
                <tbody>
                <tr>
                <td>Biblioteca</td>
                <td style="text-align: right">14:30</td>
                </tr>
                </tbody>
                </table>

                """)
    }

    @Test("~~text~~ becomes <del>")
    func strikethrough() {
        #expect(Markdown.render("Chiude il ~~15~~ 20 dicembre.") == "<p>Chiude il <del>15</del> 20 dicembre.</p>\n")
    }

    @Test("a task list becomes disabled checkboxes with an accessible name")
    func taskList() {
        #expect(
            Markdown.render("- [ ] documento\n- [x] codice fiscale\n") == """
                <ul>
                <li><input type="checkbox" disabled="" aria-label="da fare" /> documento</li>
                <li><input type="checkbox" checked="" disabled="" aria-label="fatto" /> codice fiscale</li>
                </ul>

                """)
    }

    @Test("a bare web address becomes a link")
    func autolink() {
        #expect(
            Markdown.render("Vedi www.example.it oggi.")
                == "<p>Vedi <a href=\"http://www.example.it\">www.example.it</a> oggi.</p>\n")
    }

    @Test(
        "# headings are demoted to the minimum level", arguments: [(2, "<h2>Titolo</h2>\n"), (3, "<h3>Titolo</h3>\n")])
    func headingLevel(level: Int, html: String) {
        #expect(Markdown.render("# Titolo", options: .init(minimumHeadingLevel: level)) == html)
    }

    @Test("deeper headings keep their level")
    func deeperHeading() {
        #expect(Markdown.render("#### Dettagli", options: .init(minimumHeadingLevel: 2)) == "<h4>Dettagli</h4>\n")
    }

    @Test("a text knows only its own link references and extensions, whatever was parsed before it, in any order")
    func parsesAreIndependent() {
        let defining = "[orari]: https://example.it/orari\n\nVedi [orari] e ~~no~~.\n"
        let using = "Vedi [orari] e ~~no~~.\n"
        let definingHTML = "<p>Vedi <a href=\"https://example.it/orari\">orari</a> e <del>no</del>.</p>\n"
        let usingHTML = "<p>Vedi [orari] e <del>no</del>.</p>\n"
        for _ in 0..<3 {
            #expect(Markdown.render(defining) == definingHTML)
            #expect(Markdown.render(using) == usingHTML)
            #expect(Markdown.render(using, options: .init(allowRawHTML: true)) == usingHTML)
            #expect(Markdown.render(defining, options: .init(allowRawHTML: true)) == definingHTML)
        }
    }
}

@Suite("Raw HTML in Markdown shows only its text unless the portal allows it")
struct RawHTMLTests {
    @Test("a script block is left out with what it holds when raw HTML is not allowed, and warned")
    func scriptLeftOut() {
        var warnings: [RawHTML.Removal] = []
        let html = Markdown.render("<script>alert(1)</script>", options: .init(allowRawHTML: false)) { _ in
            nil
        } removed: {
            warnings.append($0)
        }
        #expect(html == "")
        #expect(warnings.map { "\($0.line):\($0.column) \($0.severity)" } == ["1:1 warning"])
    }

    @Test("inline HTML shows only its text when raw HTML is not allowed")
    func inlineTagsLeftOut() {
        #expect(
            Markdown.render("Un <b>grassetto</b> e <img src=x onerror=alert(1)>.", options: .init(allowRawHTML: false))
                == "<p>Un grassetto e .</p>\n")
    }

    @Test("a script block is removed when raw HTML is allowed (RawHTML)")
    func scriptRemoved() {
        #expect(Markdown.render("<script>alert(1)</script>", options: .init(allowRawHTML: true)) == "\n")
    }

    @Test("harmless raw HTML passes through when allowed")
    func rawAllowed() {
        #expect(
            Markdown.render("<div class=\"avviso\">Chiuso</div>", options: .init(allowRawHTML: true))
                == "<div class=\"avviso\">Chiuso</div>\n")
        #expect(
            Markdown.render("Un <b>grassetto</b>.", options: .init(allowRawHTML: true))
                == "<p>Un <b>grassetto</b>.</p>\n")
    }

    @Test("javascript: links are dropped by default")
    func javascriptLink() {
        #expect(Markdown.render("[clic](javascript:alert(1))") == "<p><a href=\"\">clic</a></p>\n")
    }

    @Test(
        "a portal's allow_raw_html decides how its page bodies render",
        arguments: [(false, "<p>sottolineato</p>\n"), (true, "<p><u>sottolineato</u></p>\n")])
    func portalSetting(allow: Bool, html: String) throws {
        let content = try ContentFixture()
        if allow {
            let config = try String(
                contentsOf: content.root.appendingPathComponent("alfa/portal.yaml"), encoding: .utf8)
            try content.write("alfa/portal.yaml", config + "allow_raw_html: true\n")
        }
        try content.write("alfa/chi-siamo.md", "---\ntitle: Chi siamo\n---\n\n<u>sottolineato</u>\n")
        let portal = try #require(try content.load().portal("alfa"))
        #expect(portal.config.allowRawHTML == allow)
        var diagnostics = DiagnosticList()
        let body = portal.renderBody(of: try #require(portal.page(id: "chi-siamo.md")), into: &diagnostics)
        #expect(body.html == html)
        #expect(diagnostics.items.map(\.severity) == (allow ? [] : [.warning]))
    }
}

@Suite("Links between pages become relative URLs")
struct LinkTests {
    static let portal: Portal = try! ContentTree.load(from: ContentFixture.fixtureURL("good")).portal("alfa")!

    @Test(
        "a link destination resolves from the page that writes it",
        arguments: [
            ("notizie/prima.md", "chi-siamo.md", Portal.LinkTarget.internalPath("notizie/prima/")),
            ("../notizie/prima.md", "servizi/tutor.md", .internalPath("notizie/prima/")),
            ("/privacy.md#dati", "servizi/tutor.md", .internalPath("privacy/#dati")),
            ("./tutor.md", "servizi/tutor.md", .internalPath("servizi/tutor/")),
            ("../_index.md", "notizie/prima.md", .internalPath("")),
            ("/forms/iscrizione.yaml", "misure/buoni.md", .internalPath("moduli/iscrizione/")),
            ("../notizie/terza.md", "servizi/tutor.md", .missing("notizie/terza.md")),
            ("../../fuori.md", "servizi/tutor.md", .missing("../../fuori.md")),
            ("/static/bando.pdf", "misure/buoni.md", .missing("static/bando.pdf")),
            ("bozza.md", "chi-siamo.md", .missing("bozza.md")),
            ("https://www.inps.it/", "chi-siamo.md", .external),
            ("mailto:welfare@alfa.example.it", "chi-siamo.md", .external),
            ("#contatti", "chi-siamo.md", .external),
        ])
    func resolve(destination: String, from page: String, target: Portal.LinkTarget) {
        #expect(Self.portal.resolve(destination, from: page) == target)
    }

    @Test(
        "relative URLs climb out of the page's folder",
        arguments: [
            ("chi-siamo/", "notizie/x/", "../notizie/x/"),
            ("servizi/tutor/", "notizie/x/", "../../notizie/x/"),
            ("", "notizie/x/", "notizie/x/"),
            ("notizie/x/", "", "../../"),
            ("", "", "./"),
        ])
    func relativeURL(from: String, to: String, url: String) {
        #expect(Portal.relativeURL(from: from, to: to) == url)
    }

    @Test("a page body's .md links are rewritten to the pages' URLs")
    func pageBody() throws {
        var diagnostics = DiagnosticList()
        let body = Self.portal.renderBody(of: try #require(Self.portal.page(id: "chi-siamo.md")), into: &diagnostics)
        #expect(
            body.html
                == "<p>Leggi le <a href=\"../notizie/prima/\">notizie</a> e la <a href=\"../privacy/#dati\">privacy</a>.</p>\n"
        )
        #expect(body.sections.isEmpty)
        #expect(diagnostics.items.isEmpty)
    }

    @Test("a service's sections are rendered one by one with h3 headings and rewritten links")
    func serviceBody() throws {
        var diagnostics = DiagnosticList()
        let body = Self.portal.renderBody(
            of: try #require(Self.portal.page(id: "servizi/tutor.md")), into: &diagnostics)
        #expect(body.html == "")
        #expect(
            body.sections.map(\.kind) == [
                .addressed, .howTo, .needed, .achieved, .deadlines, .moreInfo, .conditions, .contacts,
            ])
        #expect(
            body.sections.first { $0.kind == .moreInfo }?.html
                == "<p>Leggi le <a href=\"../../notizie/prima/\">notizie</a>.</p>\n")
        #expect(diagnostics.items.isEmpty)
    }
}

@Suite("A broken internal link names the file and the line of the link")
struct BrokenLinkTests {
    @Test(
        "the diagnostic points at the link in the source file",
        arguments: [
            // A plain page: the body starts on line 4; the link is on line 6, column 7.
            (
                "alfa/chi-siamo.md", "chi-siamo.md",
                "---\ntitle: Chi siamo\n---\n\nPrima riga.\n\nVedi [la guida](guida.md).\n",
                7, 6, "guida.md"
            ),
            // A link on the second line of a paragraph.
            (
                "alfa/chi-siamo.md", "chi-siamo.md",
                "---\ntitle: Chi siamo\n---\n\nPrima riga\ne poi [la guida](../guida.md).\n",
                6, 7, "../guida.md"
            ),
        ])
    func pageLink(file: String, id: String, text: String, line: Int, column: Int, destination: String) throws {
        let content = try ContentFixture()
        try content.write(file, text)
        let portal = try #require(try content.load().portal("alfa"))
        var diagnostics = DiagnosticList()
        _ = portal.renderBody(of: try #require(portal.page(id: id)), into: &diagnostics)
        let diagnostic = try #require(diagnostics.items.first)
        #expect(diagnostics.items.count == 1)
        #expect(diagnostic.file == file)
        #expect(diagnostic.line == line)
        #expect(diagnostic.column == column)
        #expect(diagnostic.message.hasPrefix("link to '\(destination)' points to "))
        #expect(
            diagnostic.message.hasSuffix(
                "which does not exist in portal 'alfa'; fix the path to a page (.md), a static/ file or a forms/ID.yaml, relative to this file or starting with / from the portal root"
            ))
    }

    @Test("a broken link inside a scheda section is placed by the section's line")
    func serviceLink() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/servizi/prova.md",
            serviceFrontMatter + serviceBody(replacing: ("Cosa serve", "Il [modulo](../moduli/domanda.md) firmato.")))
        let portal = try #require(try content.load().portal("alfa"))
        var diagnostics = DiagnosticList()
        _ = portal.renderBody(of: try #require(portal.page(id: "servizi/prova.md")), into: &diagnostics)
        #expect(
            diagnostics.items.map(\.description) == [
                "alfa/servizi/prova.md:25:4: error: link to '../moduli/domanda.md' points to 'moduli/domanda.md', which does not exist in portal 'alfa'; fix the path to a page (.md), a static/ file or a forms/ID.yaml, relative to this file or starting with / from the portal root"
            ])
    }

    @Test("a link to a _shared page is placed in the _shared file")
    func sharedLink() throws {
        let content = try ContentFixture()
        try content.write("_shared/faq.md", "---\ntitle: Domande frequenti\n---\n\n[Vedi](manca.md)\n")
        let tree = try content.load()
        for portal in tree.portals {
            var diagnostics = DiagnosticList()
            _ = portal.renderBody(of: try #require(portal.page(id: "faq.md")), into: &diagnostics)
            #expect(diagnostics.items.map { "\($0.file):\($0.line):\($0.column)" } == ["_shared/faq.md:5:1"])
            #expect(diagnostics.items.first?.message.contains("in portal '\(portal.id)'") == true)
        }
    }

    @Test("a link to a page that exists but failed to load is not a second error")
    func linkToUnloadablePage() throws {
        let content = try ContentFixture()
        try content.write("alfa/notizie/prima.md", "---\ntitle: Aperte\ndate: 2025-02-30\n---\n\nTesto.\n")
        let (tree, loadDiagnostics) = ContentTree.loadCollecting(from: content.root)
        #expect(loadDiagnostics.items.map { "\($0.file):\($0.line):\($0.column)" } == ["alfa/notizie/prima.md:3:7"])
        let portal = try #require(tree.portal("alfa"))
        var diagnostics = DiagnosticList()
        let body = portal.renderBody(of: try #require(portal.page(id: "chi-siamo.md")), into: &diagnostics)
        #expect(diagnostics.items.isEmpty)
        #expect(body.html.contains("<a href=\"../notizie/prima/\">notizie</a>"))
    }
}
