import Foundation
import PiazzaContent
import PiazzaRender
import Testing

@testable import PiazzaSite

/// Pages keep where their body is, not its text, and read it again when they render (``Page/body(in:)``):
/// a page saved between the load and that read would be published with the front matter of one text and
/// the body of another.
@Suite("A page saved again while a build or a check uses it is an error, never a page of two texts")
struct ChangedSourceTests {
    static let news = "vigonza/notizie/festa-del-volontariato.md"
    static let changed =
        "vigonza/notizie/festa-del-volontariato.md: error: the file changed while piazza used it (after its "
        + "front matter was read); run the command again"

    /// Adds a line to the body of ``news`` in the content folder `content`.
    static func edit(_ content: URL) throws {
        let file = content.appendingPathComponent(news)
        try Data((try String(contentsOf: file, encoding: .utf8) + "\nRiga aggiunta.\n").utf8).write(to: file)
    }

    @Test("a build whose page changes after the load stops with the error and publishes nothing of it")
    func build() throws {
        let content = try copyOfDemoContent()
        let site = try TemporaryFolder()
        try buildSite(content: content.url, into: site.url, portals: ["vigonza"])
        let published = try site.files()
        var options = SiteBuilder.Options(
            content: content.url, theme: Repository.theme, output: site.url, portals: ["vigonza"], now: bandiOpen)
        let folder = content.url
        // Once: a build tells `.loaded` once, after loading and before rendering.
        options.progress = { event in
            if case .loaded = event { try? Self.edit(folder) }
        }
        let error = #expect(throws: ContentError.self) {
            try SiteBuilder(options: options, logger: .init(label: "piazza-tests")).build()
        }
        #expect(error?.diagnostics.filter { $0.severity == .error }.map(\.description) == [Self.changed])
        #expect(try site.files() == published)
    }

    @Test("check's audit reads each body again, and a page changed since the load is an error")
    func audit() throws {
        let content = try copyOfDemoContent()
        let portal = try #require(try ContentTree.load(from: content.url, portals: ["vigonza"]).portal("vigonza"))
        let renderer = PortalRenderer(portal: portal, theme: try Theme.load(from: Repository.theme), now: bandiOpen)
        #expect(ContentAudit(renderer: renderer).run().diagnostics.filter { $0.severity == .error }.isEmpty)
        try Self.edit(content.url)
        #expect(
            ContentAudit(renderer: renderer).run().diagnostics.filter { $0.severity == .error }.map(\.description)
                == [Self.changed])
    }
}
