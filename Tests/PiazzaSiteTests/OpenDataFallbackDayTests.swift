import Foundation
import Testing

@testable import PiazzaSite

/// When the content writes no `updated:`, the open data's date is the build's day in Rome: an input of the
/// outputs that show it, so an incremental build on another day writes what a clean build that day writes.
@Suite("The build's day as the open data's date is an input of the outputs that show it")
struct OpenDataFallbackDayTests {
    typealias Workspace = IncrementalBuildTests.Workspace

    /// An incremental build of Vigonza into the workspace's `site/` at `now`; the outputs it rendered.
    static func build(_ workspace: Workspace, at now: Date) throws -> [String] {
        var options = workspace.options(into: workspace.root.appending("site"), incremental: true, portals: ["vigonza"])
        options.now = now
        return try #require(try SiteBuilder(options: options, logger: Workspace.logger).build().portals.first).rendered
    }

    /// The workspace's `site/` is a clean build's at `now`, byte for byte.
    static func expectSameAsCleanBuild(_ workspace: Workspace, at now: Date) throws {
        let clean = try TemporaryFolder("clean")
        var options = workspace.options(into: clean.appending("site"), incremental: false, portals: ["vigonza"])
        options.now = now
        _ = try SiteBuilder(options: options, logger: Workspace.logger).build()
        let expected = try clean.files(under: "site")
        let incremental = try workspace.root.files(under: "site")
        #expect(incremental.keys.sorted() == expected.keys.sorted())
        #expect(expected.keys.filter { incremental[$0] != expected[$0] }.sorted() == [])
    }

    static let dayOne = rome("2026-11-25 10:00")
    static let dayTwo = rome("2026-11-26 10:00")

    @Test("with no updated: anywhere, the next day's build renders the catalogue and the downloads page only")
    func fallbackDay() throws {
        let workspace = try Workspace()
        try workspace.edit("content/vigonza/portal.yaml", replacing: "\nupdated: 2026-11-20", with: "\n# no date")
        #expect(try Self.build(workspace, at: Self.dayOne).contains("open-data/index.html"))
        let rendered = try Self.build(workspace, at: Self.dayTwo)
        #expect(rendered == ["open-data/catalogo-dcat-ap-it.jsonld", "open-data/index.html"])
        try Self.expectSameAsCleanBuild(workspace, at: Self.dayTwo)
        #expect(try workspace.root.read("site/vigonza/open-data/index.html").contains("26 novembre 2026"))
    }

    @Test("with updated: written, the next day's build renders nothing")
    func writtenDate() throws {
        let workspace = try Workspace()
        _ = try Self.build(workspace, at: Self.dayOne)
        #expect(try Self.build(workspace, at: Self.dayTwo) == [])
        try Self.expectSameAsCleanBuild(workspace, at: Self.dayTwo)
    }
}
