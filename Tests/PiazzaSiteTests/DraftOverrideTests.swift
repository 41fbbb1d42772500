import Foundation
import PiazzaContent
import Testing

/// A portal's draft page that overrides a `_shared/` page hid the shared one as well: a draft `privacy.md` in a
/// portal left every footer without its privacy page. A draft is not published, so the shared page is.
@Suite("A portal's draft over a _shared page publishes the _shared page")
struct DraftOverrideTests {
    @Test("a draft privacy.md in vigonza: the site holds _shared/privacy.md's text, and links to it resolve")
    func sharedPublished() throws {
        let content = try copyOfDemoContent()
        try content.write(
            "vigonza/privacy.md",
            "---\ntitle: Privacy di Vigonza (bozza)\ndraft: true\n---\n\nTesto della bozza da non pubblicare.\n")
        let site = try TemporaryFolder()
        try buildSite(content: content.url, into: site.url, portals: ["vigonza"])
        let privacy = try site.read("vigonza/privacy/index.html")
        #expect(privacy.contains("Informativa sul trattamento dei dati personali"))
        #expect(privacy.contains("articolo 13 del Regolamento (UE) 2016/679"))
        #expect(!privacy.contains("bozza"))
        // The measure's link to ../privacy.md and every footer reach the published page.
        let measure = try site.read("vigonza/misure/misura-1-buoni-spesa/index.html")
        #expect(measure.contains(#"href="/vigonza/privacy/""#) || measure.contains(#"href="../../privacy/""#))
        let portal = try #require(try ContentTree.load(from: content.url, portals: ["vigonza"]).portal("vigonza"))
        #expect(portal.page(id: "privacy.md")?.source == "_shared/privacy.md")
    }

    @Test("a draft over a _shared page that is a draft too: the reference names the portal's draft")
    func bothDrafts() throws {
        let content = try copyOfDemoContent()
        let shared = try content.read("_shared/privacy.md")
        try content.write(
            "_shared/privacy.md", shared.replacingOccurrences(of: "---\ntitle:", with: "---\ndraft: true\ntitle:"))
        try content.write("vigonza/privacy.md", "---\ntitle: Bozza\ndraft: true\n---\n\nBozza.\n")
        let checked = try ContentFaultBuildTests().bothFail(content)[0]
        #expect(
            checked.contains {
                $0.contains("the footer page 'privacy.md', a draft (`draft: true` in vigonza/privacy.md)")
            }, "\(checked)")
    }
}
