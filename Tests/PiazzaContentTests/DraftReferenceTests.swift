import Foundation
import PiazzaContent
import Testing

/// A reference to a page left out as a draft (`draft: true`) is an error that says so and names the file, not one
/// about a path that does not exist (the editor would fix a path that is right): in a link, for a footer page, the
/// home page, a featured measure and a service's booking page.
@Suite struct DraftReferenceTests {
    static let draftFix = "which is not published; remove `draft: true` from it or remove the reference"

    @Test("a link to a draft page says it is a draft, with the file and the fix")
    func link() throws {
        let content = try ContentFixture()
        try content.write("alfa/chi-siamo.md", "---\ntitle: Chi siamo\n---\n\nVedi la [bozza](bozza.md).\n")
        let portal = try #require(try content.load().portal("alfa"))
        var diagnostics = DiagnosticList()
        _ = portal.renderBody(of: try #require(portal.page(id: "chi-siamo.md")), into: &diagnostics)
        #expect(
            diagnostics.items.map(\.description) == [
                "alfa/chi-siamo.md:5:9: error: link to 'bozza.md' points to 'bozza.md', a draft (`draft: true` in alfa/bozza.md), \(Self.draftFix)"
            ])
    }

    @Test("a footer page, the home page and a featured measure that are drafts are named as drafts")
    func portalPages() throws {
        let content = try ContentFixture()
        // With _shared/privacy.md, the shared page is published in the draft's place (DraftOverrideTests).
        try content.remove("_shared/privacy.md")
        try content.write("beta/privacy.md", "---\ntitle: Privacy\n---\n\nTesto.\n")
        try content.write("alfa/privacy.md", "---\ntitle: Privacy\ndraft: true\n---\n\nTesto.\n")
        try content.write("alfa/_index.md", "---\ntitle: Alfa\ndraft: true\n---\n\nBenvenuti.\n")
        let measure = try content.read("alfa/misure/buoni.md")
        try content.write(
            "alfa/misure/buoni.md", measure.replacingOccurrences(of: "number: 1\n", with: "number: 1\ndraft: true\n"))
        let config = try content.read("alfa/portal.yaml")
        try content.write("alfa/portal.yaml", config + "featured_measures: [buoni]\n")
        let messages = content.diagnostics().map(\.description)
        #expect(
            messages.contains(
                "alfa/portal.yaml:1:1: error: portal 'alfa': the footer page 'privacy.md', a draft (`draft: true` in alfa/privacy.md), \(Self.draftFix), but every footer links it"
            ), "\(messages)")
        #expect(
            messages.contains(
                "alfa/portal.yaml:1:1: error: portal 'alfa': the home page '_index.md', a draft (`draft: true` in alfa/_index.md), \(Self.draftFix)"
            ), "\(messages)")
        #expect(
            messages.contains {
                $0.hasSuffix(
                    "error: featured measure 'buoni': 'misure/buoni.md', a draft (`draft: true` in alfa/misure/buoni.md), \(Self.draftFix)"
                )
            },
            "\(messages)")
        #expect(!messages.contains { $0.contains("has no page 'privacy.md'") || $0.contains("has no home page") })
    }

    @Test("a service's booking page that is a draft is named as a draft")
    func bookingPage() throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/servizi/prova.md",
            serviceFrontMatter.replacingOccurrences(
                of: "  place: Municipio\n", with: "  place: Municipio\n  booking: ../bozza.md\n")
                + serviceBody())
        let messages = content.diagnostics().map(\.description)
        #expect(
            messages == [
                "alfa/servizi/prova.md:14:3: error: booking page '../bozza.md': 'bozza.md', a draft (`draft: true` in alfa/bozza.md), \(Self.draftFix)"
            ])
    }
}
