import Foundation
import PiazzaContent
import Testing

@testable import PiazzaSite

/// `piazza serve`'s rebuilds read only what the watcher says changed (``RebuildMemory``).
@Suite("A rebuild with the memory of the last one reads again only the files it is told changed")
struct RebuildMemoryTests {
    /// The workspace of ``IncrementalBuildTests`` built with one memory, as `piazza serve` builds.
    struct Preview {
        let workspace: IncrementalBuildTests.Workspace
        let memory: RebuildMemory

        init() throws {
            workspace = try IncrementalBuildTests.Workspace()
            memory = RebuildMemory(themes: workspace.root.appending("themes"))
        }

        /// An incremental build of vigonza with the memory; what it rendered.
        func build() throws -> [String] {
            var options = workspace.options(
                into: workspace.root.appending("site"), incremental: true, portals: ["vigonza"])
            options.memory = memory
            let report = try SiteBuilder(options: options, logger: IncrementalBuildTests.Workspace.logger).build()
            return report.portals.flatMap(\.rendered)
        }

        /// The absolute path of a file of the workspace, as the watcher reports it.
        func path(_ relative: String) -> String { workspace.root.appending(relative).standardizedFileURL.path }
    }

    @Test("a theme is not loaded again until a change inside the themes folder is reported")
    func themeKept() throws {
        let preview = try Preview()
        try preview.build()
        let partial = "themes/default/templates/licence.mustache"
        try preview.workspace.edit(partial, replacing: "<h2 ", with: "<h2 class=\"licenza\" ")
        // Not reported: the loaded theme and its template graph are the last build's.
        #expect(try preview.build() == [])
        #expect(try !preview.workspace.root.read("site/vigonza/privacy/index.html").contains("class=\"licenza\""))
        preview.memory.forget([preview.path(partial)])
        #expect(
            try preview.build() == [
                "accessibilita/index.html", "faq/index.html", "note-legali/index.html", "privacy/index.html",
                "segnala-disservizio/index.html",
            ])
        try preview.workspace.expectSameAsCleanBuild()
    }

    @Test("a page is hashed again only when it, or a folder holding it, is reported changed")
    func pageHashKept() throws {
        let preview = try Preview()
        try preview.build()
        let news = "content/vigonza/notizie/festa-del-volontariato.md"
        let outputs = [
            "feed.xml", "index.html", "notizie/festa-del-volontariato/index.html", "notizie/index.html", "sitemap.xml",
        ]
        try preview.workspace.edit(news, replacing: "volontariato", with: "volontariato e della solidarietà")
        #expect(try preview.build() == [])
        preview.memory.forget([preview.path(news)])
        #expect(try preview.build() == outputs)
        try preview.workspace.expectSameAsCleanBuild()
        // A folder renamed or replaced is reported as the folder: every file below it is read again.
        try preview.workspace.edit(news, replacing: "della solidarietà", with: "del dono")
        preview.memory.forget([preview.path("content/vigonza/notizie")])
        #expect(try preview.build() == outputs)
        try preview.workspace.expectSameAsCleanBuild()
    }

    @Test("a page added and reported is listed: it and the lists showing it render, as a clean build has them")
    func pageAdded() throws {
        let preview = try Preview()
        try preview.build()
        let news = "content/vigonza/notizie/nuova.md"
        try preview.workspace.root.write(news, "---\ntitle: Nuova notizia\ndate: 2026-11-24\n---\n\nTesto.\n")
        // Not reported: the folder's listing is the last one.
        #expect(try preview.build() == [])
        preview.memory.forget([preview.path(news)])
        #expect(
            try preview.build() == [
                "cerca/index.html", "feed.xml", "index.html", "notizie/index.html", "notizie/nuova/index.html",
                "open-data/catalogo-dcat-ap-it.jsonld", "open-data/index.html", "open-data/servizi.csv",
                "open-data/servizi.jsonld", "sitemap.xml",
            ])
        try preview.workspace.expectSameAsCleanBuild()
        // Removed and reported: the links to it resolve again, and it is gone.
        try FileManager.default.removeItem(at: preview.workspace.root.appending(news))
        preview.memory.forget([preview.path(news)])
        try preview.build()
        try preview.workspace.expectSameAsCleanBuild()
    }

    @Test("a service edited and reported: its body renders its page alone, its front matter the facet pages too")
    func serviceEdited() throws {
        let preview = try Preview()
        try preview.build()
        let service = "content/vigonza/servizi/centro-estivo.md"
        try preview.workspace.edit(service, replacing: "un educatore di sostegno", with: "due educatori")
        preview.memory.forget([preview.path(service)])
        #expect(try preview.build() == ["servizi/centro-estivo/index.html"])
        try preview.workspace.expectSameAsCleanBuild()
        // A new facet value: the catalogue kept for the services as they were is not used.
        try preview.workspace.edit(service, replacing: "audience: [famiglie]", with: "audience: [famiglie, giovani]")
        preview.memory.forget([preview.path(service)])
        #expect(try preview.build().count > 1)
        try preview.workspace.expectSameAsCleanBuild()
    }

    @Test("a build record is taken from the memory while its file is the one read or written, else read again")
    func recordKept() throws {
        let preview = try Preview()
        try preview.build()
        let cache = BuildCache(output: preview.workspace.root.appending("site"))
        let live = preview.workspace.root.appending("site/vigonza")
        let file = try #require(BuildRecord.file(of: live, portal: "vigonza", cache: cache))
        guard case .found(let record) = BuildRecord.load(of: live, portal: "vigonza", cache: cache) else {
            Issue.record("no record of the live folder")
            return
        }
        #expect(preview.memory.record(at: file.path) == record)
        // Replaced on disk (a new file): the memory's copy is no longer the record.
        let damaged = BuildRecord.header + "\nbuilder " + BuildRecord.builder + "\n"
        try Data(damaged.utf8).write(to: file)
        #expect(preview.memory.record(at: file.path) == nil)
        guard case .unusable = BuildRecord.load(of: live, portal: "vigonza", cache: cache, memory: preview.memory)
        else {
            Issue.record("a damaged record was trusted")
            return
        }
    }
}
