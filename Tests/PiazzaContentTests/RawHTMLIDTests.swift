import Foundation
import PiazzaContent
import Testing

/// The page of portal `alfa`, which then allows raw HTML, at `path` written as `file` (`nil`: the fixture's
/// file with `edit` applied), rendered: its HTML (a service's sections joined) and the diagnostics of the render.
private func rendered(
    _ file: String?, path: String = "chi-siamo.md", edit: (String) -> String = { $0 }
) throws -> (html: String, diagnostics: [String]) {
    let content = try ContentFixture()
    try content.write("alfa/portal.yaml", try content.read("alfa/portal.yaml") + "allow_raw_html: true\n")
    try content.write("alfa/" + path, try file ?? edit(content.read("alfa/" + path)))
    let portal = try #require(try content.load().portal("alfa"))
    var diagnostics = DiagnosticList()
    let page = portal.renderBody(of: try #require(portal.page(id: path)), into: &diagnostics)
    return (page.html + page.sections.map(\.html).joined(), diagnostics.items.map(\.description))
}

/// `body` after the front matter of `chi-siamo.md`: the body starts on line 5.
private func chiSiamo(_ body: String) -> String { "---\ntitle: Chi siamo\n---\n\n" + body }

@Suite("The ids and names of raw HTML live in their own namespace, so they never meet the theme's or the browser's")
struct RawHTMLIDTests {
    @Test(
        "every id and name of raw HTML is published with user-content- before it, whatever it would have met",
        arguments: [
            // Ids of the theme's page: a footer section named by aria-labelledby, the skip link's target,
            // a form field, the feedback widget's question, a scheda section's anchor.
            (#"<h2 id="footer-contatti">Contatti</h2>"#, #"<h2 id="user-content-footer-contatti">Contatti</h2>"#),
            (#"<div id="contenuto">x</div>"#, #"<div id="user-content-contenuto">x</div>"#),
            (#"<div id=main-content>x</div>"#, #"<div id=user-content-main-content>x</div>"#),
            (#"<p id='f-codice-fiscale'>x</p>"#, #"<p id='user-content-f-codice-fiscale'>x</p>"#),
            (#"<p id="feedback-stelle">x</p>"#, #"<p id="user-content-feedback-stelle">x</p>"#),
            (#"<h3 id="how-to">x</h3>"#, #"<h3 id="user-content-how-to">x</h3>"#),
            // Names of document and window properties the theme's scripts read (DOM clobbering), by id
            // and by the name of an image, a link or a field.
            (
                #"<img id="forms" name="cookie" src="a.png" alt="">"#,
                #"<img id="user-content-forms" name="user-content-cookie" src="a.png" alt="">"#
            ),
            (#"<a name="location">x</a>"#, #"<a name="user-content-location">x</a>"#),
            (
                #"<img name="getElementById" src="a.png" alt="">"#,
                #"<img name="user-content-getElementById" src="a.png" alt="">"#
            ),
            (#"<input name="body" ID="body">"#, #"<input name="user-content-body" ID="user-content-body">"#),
            (#"<p id="a&amp;b">x</p>"#, #"<p id="user-content-a&amp;b">x</p>"#),
        ])
    func namespaced(html: String, expected: String) {
        let (result, removals) = RawHTML.sanitize(html)
        #expect(result == expected)
        #expect(removals.isEmpty)
    }

    @Test(
        "a reference to an id of the text follows it, before or after it; one to an id it does not declare stays",
        arguments: [
            (
                #"<label for="eta">Età</label><input id="eta" aria-describedby="eta-aiuto footer-info"><p id="eta-aiuto">x</p>"#,
                #"<label for="user-content-eta">Età</label><input id="user-content-eta" aria-describedby="user-content-eta-aiuto footer-info"><p id="user-content-eta-aiuto">x</p>"#
            ),
            (
                ##"<a href="#orari">Orari</a> <a href=" #contenuto">su</a><p id="orari">x</p>"##,
                ##"<a href="#user-content-orari">Orari</a> <a href=" #contenuto">su</a><p id="user-content-orari">x</p>"##
            ),
            (
                #"<table><tr><th id="giorno">G</th></tr><tr><td headers="giorno">lun</td></tr></table>"#,
                #"<table><tr><th id="user-content-giorno">G</th></tr><tr><td headers="user-content-giorno">lun</td></tr></table>"#
            ),
            (
                ##"<img src="m.png" usemap="#mappa" alt="Mappa"><map name="mappa"></map>"##,
                ##"<img src="m.png" usemap="#user-content-mappa" alt="Mappa"><map name="user-content-mappa"></map>"##
            ),
            (
                ##"<svg><defs><linearGradient id="g"></linearGradient><path id="p"/></defs><rect fill="url(#g)"/><use xlink:href="#p"/><use href="#p"/></svg>"##,
                ##"<svg><defs><linearGradient id="user-content-g"></linearGradient><path id="user-content-p" /></defs><rect fill="url(#user-content-g)" /><use xlink:href="#user-content-p" /><use href="#user-content-p" /></svg>"##
            ),
            (
                ##"<a href="#caf&#233;">x</a><a href="#caf%C3%A9">y</a><p id="café">z</p>"##,
                ##"<a href="#user-content-caf&#233;">x</a><a href="#user-content-caf%C3%A9">y</a><p id="user-content-café">z</p>"##
            ),
            (#"<div aria-labelledby="footer-dpo">x</div>"#, #"<div aria-labelledby="footer-dpo">x</div>"#),
        ])
    func references(html: String, expected: String) {
        var body = RawHTML.Body(ids: RawHTML.IDs(declared: Markdown.rawHTMLNames(in: html)))
        let (result, removals) = body.sanitize(html, block: 0, line: 1, column: 1)
        #expect(result == expected)
        #expect(removals.isEmpty)
    }

    @Test("a Markdown link to an id of the page's raw HTML follows it; one to the theme's ids stays")
    func markdownLinks() throws {
        let page = try rendered(
            chiSiamo(
                """
                Vai agli [orari](#orari) o [su](#contenuto).

                <table id="orari"><tr><td>lun</td></tr></table>

                """))
        #expect(
            page.html
                == ##"<p>Vai agli <a href="#user-content-orari">orari</a> o <a href="#contenuto">su</a>.</p>"## + "\n"
                + #"<table id="user-content-orari"><tr><td>lun</td></tr></table>"# + "\n")
        #expect(page.diagnostics == [])
    }

    @Test("an id used twice on a page is an error at the second, which loses it; names may repeat")
    func duplicate() throws {
        let page = try rendered(
            chiSiamo(
                """
                <p id="orari">Lun</p>
                <p id="orari">Mar</p>
                <input type="radio" name="giorno"><input type="radio" name="giorno">

                """))
        #expect(
            page.html
                == "<p id=\"user-content-orari\">Lun</p>\n<p>Mar</p>\n"
                + "<input type=\"radio\" name=\"user-content-giorno\"><input type=\"radio\" name=\"user-content-giorno\">\n"
        )
        #expect(
            page.diagnostics == [
                "alfa/chi-siamo.md:6:4: error: raw HTML <p>: `id=\"orari\"` is already the id of an element before it on this page, and an id names one element (two make the page invalid HTML and mislead labels and links); give this <p> an id of its own; it is removed"
            ])
    }

    @Test("an id used in two scheda sections of a service is used twice on its page; a link in one reaches the other")
    func duplicateAcrossSections() throws {
        let page = try rendered(nil, path: "servizi/sportello.md") {
            $0.replacingOccurrences(of: "Si va allo sportello.", with: "Si va allo [sportello](#sede).")
                .replacingOccurrences(of: "Un documento.", with: #"<p id="sede">Piazza 2</p>"#)
                .replacingOccurrences(of: "Ufficio servizi sociali di Alfa.", with: #"<p id="sede">Via Roma 1</p>"#)
        }
        #expect(page.html.contains(##"<a href="#user-content-sede">sportello</a>"##))
        #expect(page.html.contains(#"<p id="user-content-sede">Piazza 2</p>"#))
        #expect(page.html.contains("<p>Via Roma 1</p>"))
        #expect(page.diagnostics.count == 1)
        #expect(
            page.diagnostics.first?.contains("`id=\"sede\"` is already the id of an element before it on this page")
                == true)
    }

    @Test(
        "an id that is empty or holds a space is not an id: an error, and it is removed",
        arguments: [
            (#"<p id="">x</p>"#, "<p>x</p>", "`id=\"\"` is not an id"),
            (#"<p id>x</p>"#, "<p>x</p>", "`id=\"\"` is not an id"),
            (#"<p id="orari ufficio">x</p>"#, "<p>x</p>", "`id=\"orari ufficio\"` is not an id"),
        ])
    func notAnID(html: String, expected: String, message: String) {
        let (result, removals) = RawHTML.sanitize(html)
        #expect(result == expected)
        #expect(removals.count == 1 && removals[0].severity == .error && removals[0].column == 4)
        #expect(removals.first?.message.hasPrefix("raw HTML <p>: " + message) == true)
    }
}
