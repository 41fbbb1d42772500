import Foundation
import PiazzaContent
import Testing

@Suite("Link destinations are URLs: their paths are percent-decoded before they are resolved")
struct LinkDecodingTests {
    /// The good tree plus static files whose names need encoding.
    static func content() throws -> ContentFixture {
        let content = try ContentFixture()
        for name in ["Bando misura 1.pdf", "modulo-città.pdf", "a+b.pdf", "50%.pdf"] {
            try content.write("alfa/static/\(name)", "%PDF-1.4\n")
        }
        return content
    }

    static let portal: Portal = {
        let content = try! LinkDecodingTests.content()
        return try! content.load().portal("alfa")!
    }()

    @Test(
        "a destination resolves to the decoded file and comes back as an encoded URL path",
        arguments: [
            ("../static/Bando%20misura%201.pdf", Portal.LinkTarget.internalPath("static/Bando%20misura%201.pdf")),
            ("../static/Bando misura 1.pdf", .internalPath("static/Bando%20misura%201.pdf")),
            ("/static/modulo-citt%C3%A0.pdf", .internalPath("static/modulo-citt%C3%A0.pdf")),
            ("/static/modulo-città.pdf", .internalPath("static/modulo-citt%C3%A0.pdf")),
            ("/static/a+b.pdf", .internalPath("static/a+b.pdf")),
            ("/static/a%2Bb.pdf", .internalPath("static/a+b.pdf")),
            ("/static/50%25.pdf", .internalPath("static/50%25.pdf")),
            ("/static/Bando%20misura%201.pdf?v=2#page=3", .internalPath("static/Bando%20misura%201.pdf?v=2#page=3")),
            ("../notizie/prima.md?anno=2026#iscrizioni", .internalPath("notizie/prima/?anno=2026#iscrizioni")),
            ("%2e%2e/notizie/prima.md", .internalPath("notizie/prima/")),
            ("/feed.xml", .internalPath("feed.xml")),
            ("../sitemap.xml", .internalPath("sitemap.xml")),
        ])
    func decoded(destination: String, target: Portal.LinkTarget) {
        #expect(Self.portal.resolve(destination, from: "misure/buoni.md") == target)
    }

    @Test(
        "+ is not a space in a path, and dots or slashes written as escapes cannot leave the portal",
        arguments: [
            ("/static/Bando+misura+1.pdf", Portal.LinkTarget.missing("static/Bando+misura+1.pdf")),
            ("%2E%2E/%2E%2E/%2E%2E/portal.yaml", .missing("../../../portal.yaml")),
            (
                "..%2F..%2Fportal.yaml",
                .malformed("has an encoded / or NUL (%2F, %00) inside a name; write / between folders")
            ),
            // An encoded slash or NUL followed by a combining mark is one Character with it, still a slash.
            (
                "..%2F%CC%81..%2Fportal.yaml",
                .malformed("has an encoded / or NUL (%2F, %00) inside a name; write / between folders")
            ),
            (
                "../static/bando%00%CC%81.pdf",
                .malformed("has an encoded / or NUL (%2F, %00) inside a name; write / between folders")
            ),
            ("../static/bando\u{0}.pdf", .malformed("has an invisible or control character (U+0000); delete it")),
            (
                "../static/bando%zz.pdf",
                .malformed("has a '%' that is not followed by two hex digits; write a % sign in a file name as %25")
            ),
            (
                "../static/bando%2.pdf",
                .malformed("has a '%' that is not followed by two hex digits; write a % sign in a file name as %25")
            ),
            (
                "../static/bando%+1.pdf",
                .malformed("has a '%' that is not followed by two hex digits; write a % sign in a file name as %25")
            ),
            (
                "../static/citt%E0.pdf",
                .malformed("has %-escapes that are not UTF-8 text; encode the file name as UTF-8 (à is %C3%A0)")
            ),
        ])
    func refused(destination: String, target: Portal.LinkTarget) {
        #expect(Self.portal.resolve(destination, from: "misure/buoni.md") == target)
    }

    /// A portal keeps what each destination resolved to, by the folder of the page that wrote it
    /// (`ResolvedLinks`): the same words from another folder are another link.
    @Test("a destination resolves from the folder of the page that writes it, asked again as the first time")
    func resolvedPerFolder() {
        let asked: [(String, String, Portal.LinkTarget)] = [
            ("prima.md", "notizie/seconda.md", .internalPath("notizie/prima/")),
            ("prima.md", "misure/buoni.md", .missing("misure/prima.md")),
            ("prima.md", "chi-siamo.md", .missing("prima.md")),
            ("notizie/prima.md", "misure/buoni.md", .missing("misure/notizie/prima.md")),
            ("notizie/prima.md", "chi-siamo.md", .internalPath("notizie/prima/")),
            ("../notizie/prima.md", "misure/buoni.md", .internalPath("notizie/prima/")),
            ("../notizie/prima.md", "chi-siamo.md", .missing("../notizie/prima.md")),
        ]
        for _ in 0..<2 {
            for (destination, page, target) in asked {
                #expect(Self.portal.resolve(destination, from: page) == target, "\(destination) from \(page)")
            }
        }
    }

    @Test("links to files with spaces or accents are written to the page as valid URLs to the published files")
    func renderedHrefs() throws {
        let content = try Self.content()
        try content.write(
            "alfa/chi-siamo.md",
            """
            ---
            title: Chi siamo
            ---

            [uno](static/Bando%20misura%201.pdf), [due](<static/Bando misura 1.pdf>),
            [tre](static/modulo-citt%C3%A0.pdf#p2), [quattro](static/50%25.pdf?v=1&x=2).

            """)
        let portal = try #require(try content.load().portal("alfa"))
        var diagnostics = DiagnosticList()
        let body = portal.renderBody(of: try #require(portal.page(id: "chi-siamo.md")), into: &diagnostics)
        #expect(diagnostics.items.isEmpty)
        #expect(
            body.html == """
                <p><a href="../static/Bando%20misura%201.pdf">uno</a>, <a href="../static/Bando%20misura%201.pdf">due</a>,
                <a href="../static/modulo-citt%C3%A0.pdf#p2">tre</a>, <a href="../static/50%25.pdf?v=1&amp;x=2">quattro</a>.</p>

                """)
        // The href, resolved against the page's URL and decoded as a browser does, is the published file.
        let page = try #require(URL(string: "https://example.it/chi-siamo/"))
        for href in ["../static/Bando%20misura%201.pdf", "../static/modulo-citt%C3%A0.pdf", "../static/50%25.pdf"] {
            let file = try #require(URL(string: href, relativeTo: page)?.absoluteURL.path)
            #expect(portal.hasStaticFile(String(file.dropFirst())))
        }
    }

    @Test("a malformed escape in a link is an error at the link's line and column")
    func malformedDiagnostic() throws {
        let content = try Self.content()
        try content.write(
            "alfa/chi-siamo.md", "---\ntitle: Chi siamo\n---\n\nPrima riga.\n\nVedi [il bando](static/bando%zz.pdf).\n")
        let portal = try #require(try content.load().portal("alfa"))
        var diagnostics = DiagnosticList()
        _ = portal.renderBody(of: try #require(portal.page(id: "chi-siamo.md")), into: &diagnostics)
        #expect(
            diagnostics.items.map(\.description) == [
                "alfa/chi-siamo.md:7:6: error: link to 'static/bando%zz.pdf' has a '%' that is not followed by two hex digits; write a % sign in a file name as %25"
            ])
    }
}
