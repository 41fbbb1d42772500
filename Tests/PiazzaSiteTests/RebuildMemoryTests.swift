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
}
