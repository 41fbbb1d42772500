import Foundation
import PiazzaContent
import PiazzaSite
import Testing

@Suite("A build is deterministic")
struct DeterministicBuildTests {
    @Test("building the demo content twice with the same clock gives byte-identical sites")
    func twiceIdentical() throws {
        let first = try TemporaryFolder()
        let second = try TemporaryFolder()
        let report = try buildSite(into: first.url, now: bandiOpen)
        try buildSite(into: second.url, now: bandiOpen)
        let a = try first.files()
        let b = try second.files()
        #expect(a.keys.sorted() == b.keys.sorted())
        for path in a.keys.sorted() where a[path] != b[path] {
            Issue.record("\(path) differs between two builds")
        }
        #expect(report.portals.map(\.portal) == ["conegliano", "vigonza"])
        #expect(a.count == report.portals.map(\.files).reduce(0, +) + 1)  // + the network index.html
        #expect(a["index.html"] != nil)
        #expect(a["vigonza/servizi/resta-al-passo/index.html"] != nil)
    }

    @Test("the clock is the only input that changes the output")
    func clockMatters() throws {
        let open = try builtVigonza(now: bandiOpen)
        let closed = try builtVigonza(now: bandiClosed)
        #expect(
            try open.read("vigonza/moduli/misura-1/index.html")
                != (try closed.read("vigonza/moduli/misura-1/index.html")))
        #expect(try open.read("vigonza/faq/index.html") == (try closed.read("vigonza/faq/index.html")))
    }
}

@Suite("A failing build leaves the previous site untouched")
struct AtomicBuildTests {
    @Test(
        "the old files stay byte-identical and no scratch folder remains",
        arguments: [
            // A load error: an impossible date.
            ("date: 2026-11-18", "date: 2025-02-30", "vigonza/notizie/festa-del-volontariato.md:3:7"),
            // A render error: a broken link, found only while rendering the body.
            (
                "nella Giornata internazionale del volontariato.", "nella [Giornata](../giornata.md).",
                "vigonza/notizie/festa-del-volontariato.md:9:21"
            ),
        ])
    func failedRebuild(original: String, broken: String, place: String) throws {
        let content = try copyOfDemoContent()
        let site = try TemporaryFolder()
        try buildSite(content: content.url, into: site.url)
        let before = try site.files()
        #expect(try site.listing() == ["conegliano", "index.html", "vigonza"])

        let path = "vigonza/notizie/festa-del-volontariato.md"
        let text = try content.read(path)
        #expect(text.contains(original))
        try content.write(path, text.replacingOccurrences(of: original, with: broken))
        let error = #expect(throws: ContentError.self) { try buildSite(content: content.url, into: site.url) }
        #expect(error?.diagnostics.map { "\($0.file):\($0.line):\($0.column)" } == [place])

        #expect(try site.listing() == ["conegliano", "index.html", "vigonza"])
        let after = try site.files()
        #expect(after.keys.sorted() == before.keys.sorted())
        #expect(after == before)
    }

    @Test("a build into an empty folder that fails writes nothing")
    func failedFirstBuild() throws {
        let content = try copyOfDemoContent()
        try content.write("conegliano/notizie/extra.md", "---\ntitle: Extra\n---\n\n[rotto](nessuna.md)\n")
        let site = try TemporaryFolder()
        #expect(throws: ContentError.self) { try buildSite(content: content.url, into: site.url) }
        #expect(try site.listing() == [])
    }

    @Test("a successful rebuild replaces the old files, keeps the previous build in the cache and no scratch folder")
    func rebuild() throws {
        let content = try copyOfDemoContent()
        let site = try TemporaryFolder()
        try buildSite(content: content.url, into: site.url)
        try site.write("vigonza/stale.html", "old")
        try FileManager.default.removeItem(
            at: content.url.appendingPathComponent("vigonza/notizie/festa-del-volontariato.md"))
        try buildSite(content: content.url, into: site.url)
        #expect(try site.listing() == ["conegliano", "index.html", "vigonza"])
        #expect(!site.exists("vigonza/stale.html"))
        #expect(!site.exists("vigonza/notizie/festa-del-volontariato/index.html"))
        #expect(site.exists("vigonza/notizie/riparte-resta-al-passo/index.html"))
        let previous = BuildCache(output: site.url).previous("vigonza")
        #expect(FileManager.default.fileExists(atPath: previous.appendingPathComponent("stale.html").path))
        // The third build recycles the first one's folder: what it no longer writes must go.
        let fresh = try TemporaryFolder()
        try buildSite(content: content.url, into: fresh.url)
        try buildSite(content: content.url, into: site.url)
        #expect(!site.exists("vigonza/stale.html"))
        #expect(!site.exists("vigonza/notizie/festa-del-volontariato/index.html"))
        #expect(try site.files(under: "vigonza") == fresh.files(under: "vigonza"))
        #expect(!site.exists("vigonza/notizie/festa-del-volontariato"))
    }
}

@Suite("Every problem of a build is reported in one run")
struct BuildDiagnosticsTests {
    @Test("a load error in one portal and a broken link in another come out together")
    func loadAndLinkErrors() throws {
        let content = try copyOfDemoContent()
        let news = try content.read("vigonza/notizie/festa-del-volontariato.md")
        try content.write(
            "vigonza/notizie/festa-del-volontariato.md",
            news.replacingOccurrences(of: "date: 2026-11-18", with: "date: 2025-02-30"))
        try content.write(
            "conegliano/chi-siamo.md", "---\ntitle: Chi siamo\n---\n\nLeggi la [carta dei servizi](carta.md).\n")
        let site = try TemporaryFolder()
        let error = #expect(throws: ContentError.self) { try buildSite(content: content.url, into: site.url) }
        #expect(
            error?.diagnostics.map(\.description) == [
                "conegliano/chi-siamo.md:5:10: error: link to 'carta.md' points to 'carta.md', which does not exist in portal 'conegliano'; fix the path to a page (.md), a static/ file or a forms/ID.yaml, relative to this file or starting with / from the portal root",
                "vigonza/notizie/festa-del-volontariato.md:3:7: error: `date` in news front matter is '2025-02-30', which does not exist: February 2025 has 28 days (2025 is not a leap year); check the day and the month",
            ])
        #expect(try site.listing() == [])
    }

    @Test("a page whose front matter fails still has its text checked: every error of the page in one run")
    func frontMatterAndBody() throws {
        let content = try newsWithBadDate(fourMistakes.body)
        let site = try TemporaryFolder()
        let error = #expect(throws: ContentError.self) {
            try buildSite(content: content.url, into: site.url, portals: ["vigonza"])
        }
        // The missing section is `piazza check`'s to find (a build does not render pages twice).
        #expect(error?.diagnostics.map(\.description) == Array(fourMistakes.errors.prefix(3)))
        #expect(try site.listing() == [])
    }

    @Test("check reports the same problems and writes nothing")
    func checkOnly() throws {
        let content = try copyOfDemoContent()
        try content.write(
            "conegliano/chi-siamo.md", "---\ntitle: Chi siamo\n---\n\nLeggi la [carta dei servizi](carta.md).\n")
        let site = try TemporaryFolder()
        let options = SiteBuilder.Options(
            content: content.url, theme: Repository.theme, output: site.url, now: bandiOpen)
        let builder = SiteBuilder(options: options, logger: .init(label: "piazza-tests"))
        let error = #expect(throws: ContentError.self) { try builder.check() }
        #expect(error?.diagnostics.map { "\($0.file):\($0.line):\($0.column)" } == ["conegliano/chi-siamo.md:5:10"])
        #expect(try site.listing() == [])
    }

    @Test("check passes on the demo content and counts its pages")
    func checkDemo() throws {
        let site = try TemporaryFolder()
        let options = SiteBuilder.Options(
            content: Repository.content, theme: Repository.theme, output: site.url, now: bandiOpen)
        let report = try SiteBuilder(options: options, logger: .init(label: "piazza-tests")).check()
        let tree = try ContentTree.load(from: Repository.content)
        #expect(report.portals.map(\.portal) == tree.portals.map(\.id))
        #expect(report.portals.map(\.pages) == tree.portals.map(\.pages.count))
        #expect(report.warnings.isEmpty)
        #expect(try site.listing() == [])
    }
}

@Suite("_shared files are inherited by every portal and overridden by a portal's own file")
struct SharedOverrideTests {
    @Test("a portal file with the same path as a _shared file is the one published")
    func overrideTitle() throws {
        let content = try copyOfDemoContent()
        try content.write("vigonza/faq.md", "---\ntitle: Domande frequenti su Vigonza\n---\n\nSolo per Vigonza.\n")
        let site = try TemporaryFolder()
        try buildSite(content: content.url, into: site.url)
        let vigonza = try site.read("vigonza/faq/index.html")
        #expect(vigonza.contains("<h1>Domande frequenti su Vigonza</h1>"))
        #expect(vigonza.contains("<p>Solo per Vigonza.</p>"))
        let conegliano = try site.read("conegliano/faq/index.html")
        #expect(conegliano.contains("<h1>Domande frequenti</h1>"))
        #expect(!conegliano.contains("Solo per Vigonza"))
    }

    @Test("a page only in _shared is published in every portal")
    func sharedOnly() throws {
        let content = try copyOfDemoContent()
        try content.write("_shared/orari.md", "---\ntitle: Orari degli uffici\n---\n\nDal lunedì al venerdì.\n")
        let site = try TemporaryFolder()
        try buildSite(content: content.url, into: site.url)
        for portal in ["conegliano", "vigonza"] {
            let html = try site.read("\(portal)/orari/index.html")
            #expect(html.contains("<h1>Orari degli uffici</h1>"))
            #expect(html.contains("<p>Dal lunedì al venerdì.</p>"))
            let farmaci = try site.read("\(portal)/servizi/consegna-farmaci/index.html")
            #expect(farmaci.contains("data-element=\"service-title\">Consegna farmaci a domicilio</h1>"))
        }
    }

    @Test("the demo's Conegliano overrides the shared meal service and Misura 1 form, Vigonza inherits them")
    func demoOverrides() throws {
        let site = try TemporaryFolder()
        try buildSite(into: site.url)
        #expect(
            try site.read("conegliano/servizi/pasti-a-domicilio/index.html").contains(
                "Il pranzo portato a casa tutti i giorni, anche la domenica"))
        #expect(
            try site.read("vigonza/servizi/pasti-a-domicilio/index.html").contains(
                "Il pranzo portato a casa ogni giorno per anziani"))
        let marker = "A Conegliano i buoni sono caricati sulla tessera sanitaria"
        #expect(try site.read("conegliano/moduli/misura-1/index.html").contains(marker))
        #expect(!(try site.read("vigonza/moduli/misura-1/index.html")).contains(marker))
    }
}
