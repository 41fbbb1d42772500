import Foundation
import Logging
import PiazzaContent
import PiazzaRender
import Testing

@testable import PiazzaSite

/// An incremental build records the hash of the text it built from: the bytes the load parsed, read once.
@Suite("The dependency graph hashes the bytes the load parsed, not the file as it is later")
struct BuildInputsReadTests {
    @Test("a page saved again after the load keeps the hash of the text that was parsed")
    func hashOfParsedBytes() throws {
        let workspace = try IncrementalBuildTests.Workspace()
        let content = workspace.root.appending("content")
        let source = "vigonza/servizi/centro-estivo.md"
        let parsed = try Data(contentsOf: content.appendingPathComponent(source))
        let (tree, _) = ContentTree.loadCollecting(from: content, portals: ["vigonza"], hash: BuildInputs.sha256)
        let digests = try #require(tree.digests["vigonza"])
        #expect(digests[source]?.file == BuildInputs.sha256(parsed))
        let portal = try #require(tree.portal("vigonza"))
        let theme = try Theme.load(from: workspace.root.appending("themes/default"))
        func inputs() -> BuildInputs {
            BuildInputs(renderer: PortalRenderer(portal: portal, theme: theme, now: bandiOpen), digests: digests)
        }
        let before = inputs().fingerprint([.page("servizi/centro-estivo.md")])
        // Saved between the load and the hashing: the build renders the parsed text, so it must record its hash.
        try workspace.edit("content/" + source, replacing: "un educatore di sostegno", with: "due educatori")
        #expect(inputs().fingerprint([.page("servizi/centro-estivo.md")]) == before)
    }

    @Test("a page's header hash covers its front matter and not its body")
    func headerDigest() throws {
        let workspace = try IncrementalBuildTests.Workspace()
        let content = workspace.root.appending("content")
        let source = "vigonza/servizi/centro-estivo.md"
        func digest() -> SourceDigest? {
            ContentTree.loadCollecting(from: content, portals: ["vigonza"], hash: BuildInputs.sha256).0.digests[
                "vigonza"]?[source]
        }
        let first = try #require(digest())
        let text = try workspace.root.read("content/" + source)
        let header = try #require(text.range(of: "\n---\n")).upperBound
        #expect(first.header == BuildInputs.sha256(Data(text[..<header].utf8)))
        try workspace.edit("content/" + source, replacing: "un educatore di sostegno", with: "due educatori")
        let body = try #require(digest())
        #expect(body.header == first.header && body.file != first.file)
        try workspace.edit("content/" + source, replacing: "cost: 75 €", with: "cost: 80 €")
        #expect(try #require(digest()).header != first.header)
    }
}
