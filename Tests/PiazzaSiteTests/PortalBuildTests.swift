import Foundation
import PiazzaContent
import PiazzaSite
import Testing

@Suite("A portal's pages and generated outputs are rendered in one parallel pass")
struct PortalBuildTests {
    @Test(
        "a portal's file count is the files it wrote, the section list piazza generates without an _index.md included"
    )
    func fileCount() throws {
        let content = try copyOfDemoContent()
        try FileManager.default.removeItem(at: content.url.appendingPathComponent("vigonza/notizie/_index.md"))
        let output = try TemporaryFolder()
        let report = try buildSite(content: content.url, into: output.url, portals: ["vigonza"])
        let files = try output.files(under: "vigonza")
        #expect(files["notizie/index.html"] != nil)
        #expect(report.portals.map(\.files) == [files.count])
    }
}
