import Foundation
import Logging
import PiazzaContent
import Testing

@testable import PiazzaSite

@Suite("Incremental builds render what an edit reaches and write what a clean build writes")
struct IncrementalBuildTests {
    /// A folder with a copy of the demo content (`content/`) and of the themes (`themes/`), the output
    /// `site/` beside them, and builds of them.
    struct Workspace {
        let root: TemporaryFolder
        /// Kept across the workspace's incremental builds, as `piazza serve` keeps it: edits must show.
        let parseCache = ParseCache()

        init() throws {
            root = try TemporaryFolder("incremental")
            try FileManager.default.copyItem(at: Repository.content, to: root.appending("content"))
            // Every theme, since a portal may name one beside the default.
            try FileManager.default.copyItem(
                at: Repository.theme.deletingLastPathComponent(), to: root.appending("themes"))
        }

        func options(into site: URL, incremental: Bool, portals: [String]) -> SiteBuilder.Options {
            var options = SiteBuilder.Options(
                content: root.appending("content"), theme: root.appending("themes/default"), output: site,
                portals: portals, now: bandiOpen)
            options.incremental = incremental
            if incremental { options.parseCache = parseCache }
            return options
        }

        /// An incremental build into `site/`; the report of each portal by id.
        @discardableResult
        func build(portals: [String] = ["vigonza"]) throws -> [String: SiteBuilder.PortalReport] {
            let report = try SiteBuilder(
                options: options(into: root.appending("site"), incremental: true, portals: portals),
                logger: Self.logger
            ).build()
            return Dictionary(uniqueKeysWithValues: report.portals.map { ($0.portal, $0) })
        }

        /// The incremental output is what a clean build of the same sources into a new folder writes, byte
        /// for byte.
        func expectSameAsCleanBuild(
            portals: [String] = ["vigonza"], sourceLocation: Testing.SourceLocation = #_sourceLocation
        ) throws {
            let clean = try TemporaryFolder("clean")
            _ = try SiteBuilder(
                options: options(into: clean.appending("site"), incremental: false, portals: portals),
                logger: Self.logger
            ).build()
            let expected = try clean.files(under: "site")
            let incremental = try root.files(under: "site")
            #expect(incremental.keys.sorted() == expected.keys.sorted(), sourceLocation: sourceLocation)
            let differing = expected.keys.filter { incremental[$0] != expected[$0] }.sorted()
            #expect(differing == [], sourceLocation: sourceLocation)
        }

        /// Replaces `old` with `new` in a file of the workspace.
        func edit(_ path: String, replacing old: String, with new: String) throws {
            let text = try root.read(path)
            #expect(text.contains(old))
            try root.write(path, text.replacingOccurrences(of: old, with: new))
        }

        static let logger: Logger = {
            var logger = Logger(label: "piazza-tests")
            logger.logLevel = .error
            return logger
        }()
    }

    /// One edit of one file and, per portal built, exactly the outputs it must render again.
    struct Edit: Sendable, CustomTestStringConvertible {
        var what: String
        var file: String
        var old: String
        var new: String
        var rendered: [String: [String]]

        var testDescription: String { what }
        var portals: [String] { rendered.keys.sorted() }
    }

    static let edits = [
        Edit(
            what: "a news item: its page, the lists, feed and sitemap showing it",
            file: "content/vigonza/notizie/festa-del-volontariato.md", old: "volontariato",
            new: "volontariato e della solidarietà",
            rendered: [
                "vigonza": [
                    "feed.xml", "index.html", "notizie/festa-del-volontariato/index.html", "notizie/index.html",
                    "sitemap.xml",
                ]
            ]),
        // licence.mustache is a partial of page.mustache only: the pages of type `page`.
        Edit(
            what: "a partial: the pages whose templates use it",
            file: "themes/default/templates/licence.mustache", old: "<h2 ", new: "<h2 class=\"licenza\" ",
            rendered: [
                "vigonza": [
                    "accessibilita/index.html", "faq/index.html", "note-legali/index.html", "privacy/index.html",
                    "segnala-disservizio/index.html",
                ]
            ]),
        Edit(
            what: "a _shared page: that page in every portal inheriting it",
            file: "content/_shared/privacy.md", old: "dati", new: "dati personali",
            rendered: ["conegliano": ["privacy/index.html"], "vigonza": ["privacy/index.html"]]),
        // Lists, facet pages, the home page, search and open data show a page's front matter, not its body.
        Edit(
            what: "a service's body: that service's page only",
            file: "content/vigonza/servizi/centro-estivo.md", old: "un educatore di sostegno",
            new: "un educatore di sostegno dedicato", rendered: ["vigonza": ["servizi/centro-estivo/index.html"]]),
        // The pages of a section show its title in their breadcrumb, not its text.
        Edit(
            what: "a section's _index.md body: its list only, not the pages of the section",
            file: "content/vigonza/misure/_index.md", old: "aiuti economici per le famiglie",
            new: "aiuti economici per le persone e le famiglie", rendered: ["vigonza": ["misure/index.html"]]),
        Edit(
            what: "a form: its page, its measure's page, the service and lists showing its title or bando",
            file: "content/_shared/forms/misura-3.yaml", old: "title: Domanda Misura 3",
            new: "title: Nuova domanda Misura 3",
            rendered: [
                "vigonza": [
                    "index.html", "misure/index.html", "misure/misura-3-affitti/index.html",
                    "moduli/misura-3/index.html", "open-data/catalogo-dcat-ap-it.jsonld", "open-data/index.html",
                    "open-data/servizi.csv", "open-data/servizi.jsonld",
                    "servizi/sportello-affitti/index.html",
                ]
            ]),
    ]

    @Test(
        "the first incremental build renders everything and says why; the next, with nothing changed, renders nothing")
    func firstAndUnchanged() throws {
        let workspace = try Workspace()
        let first = try #require(try workspace.build()["vigonza"])
        #expect(first.fullBuildReason?.hasPrefix("no earlier incremental build of vigonza in ") == true)
        #expect(first.rendered.contains("index.html") && first.rendered.contains("sitemap.xml"))
        let second = try #require(try workspace.build()["vigonza"])
        #expect(second.fullBuildReason == nil)
        #expect(second.rendered == [])
        try workspace.expectSameAsCleanBuild()
    }

    @Test(
        "an edit renders exactly the outputs made from the edited file, and the output is a clean build's",
        arguments: edits)
    func oneEdit(_ edit: Edit) throws {
        let workspace = try Workspace()
        try workspace.build(portals: edit.portals)
        try workspace.edit(edit.file, replacing: edit.old, with: edit.new)
        let reports = try workspace.build(portals: edit.portals)
        #expect(reports.mapValues(\.rendered) == edit.rendered)
        try workspace.expectSameAsCleanBuild(portals: edit.portals)
    }

    @Test("edits and a removal in a row, through recycled folders of older builds, give a clean build's output")
    func editsInARow() throws {
        let workspace = try Workspace()
        let first = try #require(try workspace.build()["vigonza"])
        // From the fourth build on, the folder written into is the recycled one of two builds before.
        for edit in Self.edits {
            try workspace.edit(edit.file, replacing: edit.old, with: edit.new)
            try workspace.build()
            try workspace.expectSameAsCleanBuild()
        }
        // A service (its lists, facets, open data) and portal.yaml (every page).
        try workspace.edit("content/vigonza/servizi/centro-estivo.md", replacing: "cost: 75 €", with: "cost: 80 €")
        try workspace.build()
        try workspace.expectSameAsCleanBuild()
        try workspace.edit("content/vigonza/portal.yaml", replacing: "in un unico posto", with: "tutti insieme")
        let all = try #require(try workspace.build()["vigonza"])
        #expect(all.rendered == first.rendered)
        try workspace.expectSameAsCleanBuild()
        let news = "content/vigonza/notizie/festa-del-volontariato.md"
        try FileManager.default.removeItem(at: workspace.root.appending(news))
        // The record of a folder that is gone is removed.
        try workspace.root.write(".piazza/site/vigonza/graph/1-2", "")
        try workspace.build()
        #expect(!workspace.root.exists("site/vigonza/notizie/festa-del-volontariato/index.html"))
        try workspace.expectSameAsCleanBuild()
        // One record per kept build: live, previous, spare.
        #expect(try workspace.root.listing(".piazza/site/vigonza/graph").count == 3)
    }

    @Test(
        "a file taken from the live folder is shared, never written into: the build kept for rollback keeps its bytes")
    func sharedFilesKeepTheirBytes() throws {
        let workspace = try Workspace()
        let news = "content/vigonza/notizie/festa-del-volontariato.md"
        let page = "notizie/festa-del-volontariato/index.html"
        // The first build renders everything; the next two have no recycled folder and take unchanged files
        // from the live one; the fourth recycles the first, whose page is the same file as the live one's.
        for _ in 0..<3 { try workspace.build() }
        let before = try workspace.root.read("site/vigonza/" + page)
        try workspace.edit(news, replacing: "volontariato", with: "volontariato e del dono")
        #expect(try workspace.build()["vigonza"]?.rendered.contains(page) == true)
        #expect(try workspace.root.read("site/vigonza/" + page) != before)
        #expect(try workspace.root.read(".piazza/site/vigonza/previous/" + page) == before)
        try workspace.expectSameAsCleanBuild()
    }

    @Test("adding a page renders it and the lists, feed, sitemap, search and open data that show it")
    func pageAdded() throws {
        let workspace = try Workspace()
        try workspace.build()
        try workspace.root.write(
            "content/vigonza/notizie/nuova.md", "---\ntitle: Nuova notizia\ndate: 2026-11-24\n---\n\nTesto.\n")
        let report = try #require(try workspace.build()["vigonza"])
        #expect(
            report.rendered == [
                "cerca/index.html", "feed.xml", "index.html", "notizie/index.html", "notizie/nuova/index.html",
                "open-data/catalogo-dcat-ap-it.jsonld", "open-data/index.html", "open-data/servizi.csv",
                "open-data/servizi.jsonld", "sitemap.xml",
            ])
        try workspace.expectSameAsCleanBuild()
    }

    @Test("removing a page another page links to fails as a clean build does, naming the link, until it is fixed")
    func linkedPageRemoved() throws {
        let workspace = try Workspace()
        try workspace.build()
        try FileManager.default.removeItem(at: workspace.root.appending("content/vigonza/servizi/resta-al-passo.md"))
        let incremental = #expect(throws: ContentError.self) { try workspace.build() }
        let clean = #expect(throws: ContentError.self) {
            try SiteBuilder(
                options: workspace.options(
                    into: workspace.root.appending("clean"), incremental: false, portals: ["vigonza"]),
                logger: Workspace.logger
            ).build()
        }
        #expect(incremental?.diagnostics.map(\.description) == clean?.diagnostics.map(\.description))
        #expect(incremental?.diagnostics.contains { $0.file == "vigonza/_index.md" && $0.line == 17 } == true)
        // Built again unfixed, the page is rendered again and fails again.
        let again = #expect(throws: ContentError.self) { try workspace.build() }
        #expect(again?.diagnostics.map(\.description) == clean?.diagnostics.map(\.description))
    }

    @Test("after a rollback the records follow their folders: the next incremental build is a clean build's")
    func afterRollback() throws {
        let workspace = try Workspace()
        let news = "content/vigonza/notizie/festa-del-volontariato.md"
        try workspace.build()
        try workspace.edit(news, replacing: "volontariato", with: "volontariato e del dono")
        try workspace.build()
        try workspace.edit(news, replacing: "e del dono", with: "e della solidarietà")
        try workspace.build()
        // The live folder goes back to the first edit; the content stays at the second.
        #expect(try BuildCache(output: workspace.root.appending("site")).rollBack(portals: ["vigonza"]) == ["vigonza"])
        let report = try #require(try workspace.build()["vigonza"])
        #expect(report.rendered.contains("notizie/festa-del-volontariato/index.html"))
        try workspace.expectSameAsCleanBuild()
    }

    @Test("a damaged build graph gives a full build that says why")
    func damagedGraph() throws {
        let workspace = try Workspace()
        let full = try #require(try workspace.build()["vigonza"])
        let graph = workspace.root.appending(".piazza/site/vigonza/graph")
        for name in try FileManager.default.contentsOfDirectory(atPath: graph.path) {
            let cut = BuildRecord.header + "\nbuilder " + BuildRecord.builder + "\n0123 index.html\n"
            try Data(cut.utf8).write(to: graph.appendingPathComponent(name))
        }
        try workspace.edit("content/vigonza/notizie/festa-del-volontariato.md", replacing: "volontariato", with: "dono")
        let report = try #require(try workspace.build()["vigonza"])
        #expect(report.fullBuildReason?.contains("is damaged") == true)
        #expect(report.rendered == full.rendered)
        try workspace.expectSameAsCleanBuild()
    }

    @Test("a build graph written by another piazza program is not trusted")
    func otherProgram() {
        let text = BuildRecord.header + "\nbuilder 123 bytes, modified 1.0\nend 0\n"
        guard case .unusable(let reason) = BuildRecord.parse(text, file: "graph/1-2") else {
            Issue.record("accepted a record of another program")
            return
        }
        #expect(reason == "graph/1-2 was written by another piazza program (123 bytes, modified 1.0)")
        let page = BuildRecord.Entry(
            fingerprint: String(repeating: "0", count: 64), links: ["../servizi/tutor.md#come-fare", "mailto:a@b.it"])
        let record = BuildRecord(outputs: ["notizie/festa/index.html": page])
        #expect(BuildRecord.parse(record.text, file: "graph/1-2") == .found(record))
    }
}
