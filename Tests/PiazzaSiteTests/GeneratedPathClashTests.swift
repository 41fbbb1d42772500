import Foundation
import PiazzaContent
import PiazzaSite
import Testing

@Suite("A content page at the path of a generated page is an error naming both, in check and build")
struct GeneratedPathClashTests {
    /// The diagnostics of `check` and of `build` of `content`; both must fail.
    private func diagnostics(_ content: TemporaryFolder) throws -> [[String]] {
        let site = try TemporaryFolder()
        let options = SiteBuilder.Options(
            content: content.url, theme: Repository.theme, output: site.url, portals: ["vigonza"], now: bandiOpen)
        let builder = SiteBuilder(options: options, logger: .init(label: "piazza-tests"))
        let checked = #expect(throws: ContentError.self) { try builder.check() }
        let built = #expect(throws: ContentError.self) { try builder.build() }
        #expect(!site.exists("vigonza"))
        return [checked, built].map { $0?.diagnostics.map(\.description) ?? [] }
    }

    @Test(
        "a page at a facet page's path names the page, the facet value and the service it comes from",
        arguments: [
            (
                "vigonza/servizi/argomento/istruzione.md",
                "vigonza/servizi/argomento/istruzione.md:1:1: error: this page is published at 'servizi/argomento/istruzione/', where piazza generates the catalogue page of Argomento: Istruzione, made from the services that carry it (vigonza/servizi/resta-al-passo.md:1); rename or move the page"
            ),
            (
                "vigonza/cerca.md",
                "vigonza/cerca.md:1:1: error: this page is published at 'cerca/', where piazza generates the search page of every portal (vigonza/portal.yaml:2); rename or move the page"
            ),
            (
                "vigonza/open-data/_index.md",
                "vigonza/open-data/_index.md:1:1: error: this page is published at 'open-data/', where piazza generates the open-data downloads page of every portal (vigonza/portal.yaml:2); rename or move the page"
            ),
            (
                "vigonza/novita.md",
                "vigonza/novita.md:1:1: error: this page is published at 'novita/', where piazza generates the Designers Italia model's page 'Novità' of every portal (vigonza/portal.yaml:2); rename or move the page"
            ),
        ])
    func clash(path: String, expected: String) throws {
        let content = try copyOfDemoContent()
        try content.write(path, "---\ntitle: Una pagina\ntype: page\n---\n\nTesto.\n")
        #expect(try diagnostics(content) == [[expected], [expected]])
    }
}
