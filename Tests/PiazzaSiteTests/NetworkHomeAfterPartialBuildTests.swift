import Foundation
import Testing

@testable import PiazzaSite

@Suite("The network home matches the portals live beside it after a build of some portals only")
struct NetworkHomeAfterPartialBuildTests {
    /// An edit inside one portal that the network home shows, and the portal built after it.
    struct Edit: Sendable, CustomTestStringConvertible {
        var what: String
        var file: String
        var old: String
        var new: String
        var portal: String
        var shown: String

        var testDescription: String { what }
    }

    static let edits = [
        Edit(
            what: "a bando closed", file: "content/conegliano/forms/misura-1.yaml", old: "closes: 2026-12-31 12:00",
            new: "closes: 2026-11-24 12:00", portal: "conegliano", shown: "conegliano/misure/misura-1"),
        Edit(
            what: "a measure retitled", file: "content/vigonza/misure/misura-1-buoni-spesa.md",
            old: "title: Misura 1 – Buoni spesa", new: "title: Misura 1 – Buoni spesa 2027", portal: "vigonza",
            shown: "Buoni spesa 2027"),
        Edit(
            what: "a portal renamed", file: "content/vigonza/portal.yaml", old: "name: Vigonza Welfare",
            new: "name: Vigonza Nuovo Nome", portal: "vigonza", shown: "Vigonza Nuovo Nome"),
    ]

    @Test(
        "index.html after `--portal P` (with and without the preview's memory) is a clean build's of every portal, byte for byte",
        arguments: edits, [false, true])
    func partialBuild(_ edit: Edit, memory: Bool) throws {
        let workspace = try IncrementalBuildTests.Workspace()
        let themes = workspace.root.appending("themes")
        let keep = memory ? RebuildMemory(themes: themes) : nil
        func build(_ portals: [String]) throws {
            var options = workspace.options(into: workspace.root.appending("site"), incremental: true, portals: portals)
            options.memory = keep
            _ = try SiteBuilder(options: options, logger: IncrementalBuildTests.Workspace.logger).build()
        }
        try build([])
        let before = try workspace.root.read("site/index.html")
        try workspace.edit(edit.file, replacing: edit.old, with: edit.new)
        keep?.forget([workspace.root.appending(edit.file).standardizedFileURL.path])
        try build([edit.portal])

        let clean = try TemporaryFolder("clean")
        _ = try SiteBuilder(
            options: workspace.options(into: clean.appending("site"), incremental: false, portals: []),
            logger: IncrementalBuildTests.Workspace.logger
        ).build()
        let expected = try clean.read("site/index.html")
        #expect(expected != before)
        #expect(try workspace.root.read("site/index.html") == expected)
        #expect(expected.contains(edit.shown) != before.contains(edit.shown))
    }
}
