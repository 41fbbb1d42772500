import Foundation
import PiazzaContent
import Testing

/// What an editor meets following docs/CONTENT.md from a fresh `piazza new`: a new portal in the demo
/// repository passes `piazza check`, and each problem names the place and the folders looked in.
@Suite("A newcomer's first portal and pages")
struct NewcomerCheckTests {
    static func casier(in content: TemporaryFolder) throws {
        _ = try Scaffold.newPortal(id: "casier", comune: "Casier", istat: "026008", province: "TV", in: content.url)
    }

    @Test(
        "a new portal in the demo content checks with no error and no warning: its address waits, commented, for the CAP"
    )
    func newPortalChecks() throws {
        let content = try copyOfDemoContent()
        try Self.casier(in: content)
        #expect(try audit(content, portals: ["casier"]) == [])
        let yaml = try String(contentsOf: content.appending("casier/portal.yaml"), encoding: .utf8)
        #expect(yaml.contains("  # address: Piazza del Municipio 1, CAP Casier (TV)\n"))
    }

    @Test("a conditions file found nowhere names the portal and both static folders looked in")
    func conditionsNotFound() throws {
        let content = try copyOfDemoContent()
        try Self.casier(in: content)
        try FileManager.default.removeItem(at: content.appending("_shared/static/condizioni-generali-servizi.pdf"))
        let errors = try audit(content, portals: ["casier"]).filter { $0.contains(": error: ") }
        #expect(errors.count == 6)
        #expect(
            errors.first
                == "_shared/servizi/consegna-farmaci.md:18:1: error: portal 'casier': conditions file 'static/condizioni-generali-servizi.pdf' not found in casier/static/ or _shared/static/; put it in casier/static/ (this portal) or _shared/static/ (every portal) and write `conditions: static/NAME.pdf`"
        )
    }

    @Test(
        "a page path whose first folder is not a portal is refused, naming the portals, and writes nothing",
        arguments: ["nessuno/servizi/x.md", "servizi/x.md"])
    func pageOutsidePortals(path: String) throws {
        let content = try copyOfDemoContent()
        let folder = String(path.prefix { $0 != "/" })
        let failure = #expect(throws: Scaffold.Failure.self) {
            try Scaffold.newPage(path: path, in: content.url, today: ContentDate(iso: "2026-11-30")!)
        }
        #expect(
            failure?.message
                == "'\(folder)' in '\(path)' is not a portal of \(content.url.path) (no \(folder)/portal.yaml); start the path with one of: conegliano, vigonza, _shared, or create the portal with `piazza new portal`"
        )
        #expect(!FileManager.default.fileExists(atPath: content.appending(folder).path))
    }

    @Test("a page for every portal goes under _shared/")
    func sharedPage() throws {
        let content = try copyOfDemoContent()
        let path = try Scaffold.newPage(
            path: "_shared/notizie/avviso.md", in: content.url, today: ContentDate(iso: "2026-11-30")!)
        #expect(path == "_shared/notizie/avviso.md")
        #expect(try audit(content) == [])
    }
}
