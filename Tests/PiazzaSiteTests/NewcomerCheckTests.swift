import Foundation
import PiazzaContent
import Testing

/// What an editor meets following docs/CONTENT.md from a fresh `piazza new`: a new portal in the demo
/// repository passes `piazza check` once its placeholders are filled in (PlaceholderCheckTests), and each problem
/// names the place and the folders looked in.
@Suite("A newcomer's first portal and pages")
struct NewcomerCheckTests {
    static func casier(in content: TemporaryFolder) throws {
        _ = try Scaffold.newPortal(
            id: "casier", comune: "Casier", istat: "026008", province: "TV", in: content.url,
            today: ContentDate(iso: "2026-11-30")!)
    }

    @Test("a new portal's portal.yaml, byte for byte: updated: is the day it was made, the open data's date")
    func newPortalFile() throws {
        let content = try TemporaryFolder("content")
        try Self.casier(in: content)
        #expect(
            try content.read("casier/portal.yaml") == """
                # Settings of the portal; every key is described in docs/CONTENT.md.
                name: Casier Welfare
                description: I servizi di welfare del Comune di Casier in un unico posto.
                comuni:
                  - { name: "Casier", istat: "026008", province: TV }
                base_url: https://welfare.comune.casier.example.it
                intake_url: https://servizi.comune.casier.example.it
                language: it
                colors: { primary: "#0b5f8a", primary_dark: "#073f5c" }
                contacts:
                  email: welfare@comune.casier.example.it
                  phone: "000 0000000"
                  # The office's address, once known, as `street, CAP locality (PR)` (the services' JSON-LD needs
                  # the parts, AgID R.SI.1.1); without the CAP it would be a warning at every check:
                  # address: Piazza del Municipio 1, CAP Casier (TV)
                dpo: { name: Responsabile protezione dati (da completare), email: dpo@comune.casier.example.it }
                accessibility_statement: https://form.agid.gov.it/view/da-completare
                # The open data's date: the day this content was last brought up to date; move it when it changes.
                updated: 2026-11-30

                """)
    }

    @Test("open data with no updated: anywhere is a warning at portal.yaml that says what to write")
    func openDataWithoutDate() throws {
        let content = try copyOfDemoContent()
        try Self.casier(in: content)
        let file = "casier/portal.yaml"
        try content.write(file, try content.read(file).replacingOccurrences(of: "updated: 2026-11-30\n", with: ""))
        #expect(
            try audit(content, portals: ["casier"]).filter { $0.contains("open data") } == [
                "casier/portal.yaml:1:1: warning: the open data has no date: no `updated:` in portal.yaml or in any service page, so the catalogue and the downloads page give each build's day as the day the data last changed; write `updated: 2026-11-25` in portal.yaml (the day the content was last brought up to date) and move it when the services or shops change"
            ])
    }

    @Test(
        "a new portal in the demo content checks with no error but its placeholders: its address waits, commented, for the CAP"
    )
    func newPortalChecks() throws {
        let content = try copyOfDemoContent()
        try Self.casier(in: content)
        let errors = try audit(content, portals: ["casier"]).filter { $0.contains(": error: ") }
        #expect(errors.count == 3 && errors.allSatisfy { $0.contains("placeholder written by `piazza new`") })
        let yaml = try String(contentsOf: content.appending("casier/portal.yaml"), encoding: .utf8)
        #expect(yaml.contains("  # address: Piazza del Municipio 1, CAP Casier (TV)\n"))
    }

    @Test("a conditions file found nowhere names the portal and both static folders looked in")
    func conditionsNotFound() throws {
        let content = try copyOfDemoContent()
        try Self.casier(in: content)
        try FileManager.default.removeItem(at: content.appending("_shared/static/condizioni-generali-servizi.pdf"))
        let errors = try audit(content, portals: ["casier"]).filter { $0.contains(": error: portal 'casier'") }
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

    @Test(
        "every page `piazza new page` writes adds no error and no warning to the check (a draft): a service names the generic conditions",
        arguments: [
            "casier/servizi/nuovo.md", "casier/notizie/nuova.md", "casier/chi-siamo.md", "casier/eventi/_index.md",
            "casier/eventi/estate.md", "_shared/servizi/nuovo.md", "casier/servizi/_index.md",
            "casier/notizie/_index.md", "casier/orari-uffici/_index.md",
        ])
    func newPagesCheck(path: String) throws {
        let content = try copyOfDemoContent()
        try Self.casier(in: content)
        let before = try audit(content, portals: ["casier"])
        #expect(try Scaffold.newPage(path: path, in: content.url, today: ContentDate(iso: "2026-11-30")!) == path)
        #expect(try audit(content, portals: ["casier"]) == before)
    }

    @Test("a new portal with a new page of each kind builds without a warning, as it checks")
    func newSiteBuilds() throws {
        let content = try copyOfDemoContent()
        try Self.casier(in: content)
        for path in ["casier/servizi/_index.md", "casier/servizi/nuovo.md", "casier/notizie/nuova.md"] {
            _ = try Scaffold.newPage(path: path, in: content.url, today: ContentDate(iso: "2026-11-30")!)
        }
        let site = try TemporaryFolder()
        let report = try buildSite(content: content.url, into: site.url, portals: ["casier"])
        #expect(report.warnings.map(\.description) == [])
        let index = try String(contentsOf: site.appending("casier/servizi/index.html"), encoding: .utf8)
        #expect(index.contains("<h1>Servizi</h1>"))
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
