import Foundation
import Testing

@testable import PiazzaSite

@Suite("A portal removed or renamed in the content leaves the published output (finding 13 of session 13)")
struct RetiredPortalTests {
    @Test("a renamed portal's old folder moves to the cache, other folders stay, and rollback brings it back")
    func renamedPortal() throws {
        let content = try copyOfDemoContent()
        let output = try BuildCacheTests.Output()
        try buildSite(content: content.url, into: output.site)
        let published = try output.files("site/conegliano")
        try output.root.write("site/altro/leggimi.txt", "non di piazza")
        try FileManager.default.moveItem(
            at: content.appending("conegliano"), to: content.appending("conegliano-veneto"))
        let report = try buildSite(content: content.url, into: output.site)

        let retired = try output.cache.retirePortals(keeping: Set(report.portals.map(\.portal)))
        #expect(retired == [.init(portal: "conegliano", keptIn: output.cache.previous("conegliano"))])
        #expect(try output.listing("site") == ["altro", "conegliano-veneto", "index.html", "vigonza"])
        #expect(try output.files(".piazza/site/conegliano/previous") == published)
        #expect(try output.cache.retirePortals(keeping: Set(report.portals.map(\.portal))) == [])

        #expect(try output.cache.rollBack(portals: ["conegliano"]) == ["conegliano"])
        #expect(try output.files("site/conegliano") == published)
    }
}
