import Foundation
import Testing

@testable import PiazzaSite

@Suite("The network home searches every portal")
struct NetworkSearchTests {
    /// The demo built, both portals and the network home.
    let site: TemporaryFolder

    init() throws {
        site = try TemporaryFolder()
        try buildSite(into: site.url)
    }

    @Test("each portal's search page is linked with its index and root, for search.js to merge")
    func linksEachIndex() throws {
        let html = try site.read("index.html")
        #expect(
            html.contains(
                "<li><a href=\"conegliano/cerca/\" data-index=\"conegliano/pagefind/\" data-root=\"conegliano/\" data-portal=\"Conegliano Welfare\">Cerca in Conegliano Welfare</a></li>\n<li><a href=\"vigonza/cerca/\" data-index=\"vigonza/pagefind/\" data-root=\"vigonza/\" data-portal=\"Vigonza Welfare\">Cerca in Vigonza Welfare</a></li>"
            ))
        // The box, hidden until the script shows it, has no index of its own: the script merges the links'.
        #expect(html.contains("<div id=\"ricerca\" class=\"search\" data-result-heading=\"h3\""))
        #expect(!html.contains("<div id=\"ricerca\" class=\"search\" data-index="))
        #expect(html.contains("<script src=\"conegliano/assets/search.js\"></script>"))
        #expect(try site.read("conegliano/assets/search.js").contains("mergeIndex(source.index"))
    }
}
