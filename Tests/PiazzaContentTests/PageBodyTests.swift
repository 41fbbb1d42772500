import Foundation
import PiazzaContent
import Testing

@Suite("A page's body is read again from its file when it renders, and only while the file holds the text loaded")
struct PageBodyTests {
    static let page = "alfa/chi-siamo.md"

    /// The fixture with `text` as the file of ``page``, loaded: its portal and page.
    static func loaded(_ text: [UInt8]) throws -> (ContentFixture, Portal, Page) {
        let content = try ContentFixture()
        try content.write(page, bytes: text)
        let portal = try #require(try content.load().portal("alfa"))
        return (content, portal, try #require(portal.page(id: "chi-siamo.md")))
    }

    @Test(
        "the body read again is the text after the front matter, lines joined by \\n, as the load split it",
        arguments: [
            ("---\ntitle: Chi siamo\n---\n\nTesto.\n", "\nTesto.\n"),
            ("---\r\ntitle: Chi siamo\r\n---\r\n\r\nTesto.\r\n", "\nTesto.\n"),
            ("\u{FEFF}---\ntitle: Chi siamo\n---\nCittà è.", "Città è."),
            ("---\ntitle: Chi siamo\n---", ""),
            ("---\ntitle: Chi siamo\n---\n", ""),
            ("---\ntitle: Chi siamo\n---\nA\r\r\nB\rC\r", "A\r\nB\rC\r"),
        ])
    func sameBody(text: String, body: String) throws {
        let (content, portal, page) = try Self.loaded(Array(text.utf8))
        #expect(try page.body(in: content.root) == body)
        #expect(try portal.markdownParts(of: page).map(\.markdown) == [body])
    }

    @Test(
        "a file saved again between load and render is an error on the whole file, and its body is left out",
        arguments: [
            // The same length: only the hash tells.
            ("Testo.", "Tasto."),
            ("Testo.\n", "Testo.\nAltro.\n"),
            ("Testo.\n", ""),
            // The body as it was, moved by a longer front matter.
            ("title: Chi siamo", "title: Chi siamo noi"),
        ])
    func changed(old: String, new: String) throws {
        let text = "---\ntitle: Chi siamo\n---\n\nTesto.\n"
        let (content, portal, page) = try Self.loaded(Array(text.utf8))
        try content.write(Self.page, text.replacingOccurrences(of: old, with: new))
        var diagnostics = DiagnosticList()
        let body = portal.renderBody(of: page, into: &diagnostics)
        #expect(body.html == "")
        #expect(
            diagnostics.items.map(\.description) == [
                "alfa/chi-siamo.md: error: the file changed while piazza used it (after its front matter was read); "
                    + "run the command again"
            ])
        // What piazza serve rebuilds again for instead of showing it.
        #expect(diagnostics.items.map(\.isFileChangedDuringRun) == [true])
    }

    @Test("a file removed, or saved in another encoding, between load and render is an error, and its body left out")
    func unreadable() throws {
        let text = "---\ntitle: Chi siamo\n---\n\nCittà.\n"
        let (content, portal, page) = try Self.loaded(Array(text.utf8))
        try content.write(Self.page, bytes: Array(text.utf8).map { $0 == 0xC3 ? 0xE0 : $0 }.filter { $0 != 0xA0 })
        var diagnostics = DiagnosticList()
        #expect(portal.renderBody(of: page, into: &diagnostics).html == "")
        try content.remove(Self.page)
        #expect(portal.renderBody(of: page, into: &diagnostics).html == "")
        #expect(
            diagnostics.items.map(\.description) == [
                "alfa/chi-siamo.md:5:5: error: the file is not valid UTF-8 here (it may be saved as Windows-1252 or "
                    + "Latin-1); save it as UTF-8",
                "alfa/chi-siamo.md: error: cannot read the file again (it was removed or made unreadable while piazza "
                    + "used it); run the command again",
            ])
        // A file saved in another encoding is the content's fault; a removed one is not.
        #expect(diagnostics.items.map(\.isFileChangedDuringRun) == [false, true])
    }

    @Test("a service's sections are read from its body again, each the text under its heading")
    func serviceSections() throws {
        let content = try ContentFixture()
        let portal = try #require(try content.load().portal("alfa"))
        let page = try #require(portal.page(id: "servizi/tutor.md"))
        let parts = try portal.markdownParts(of: page)
        #expect(parts.map(\.section) == page.service?.sections.map(\.kind))
        #expect(parts.map(\.firstLine) == page.service?.sections.map(\.line))
        #expect(parts.last?.markdown == "\nCooperativa Esempio, telefono 049 0000000.\n")
        let text = try content.read("alfa/servizi/tutor.md")
        try content.write("alfa/servizi/tutor.md", text.replacingOccurrences(of: "049 0000000", with: "049 0000001"))
        #expect(throws: Diagnostic.self) { try portal.markdownParts(of: page) }
    }
}
