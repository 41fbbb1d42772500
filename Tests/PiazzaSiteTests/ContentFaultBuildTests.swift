import Foundation
import PiazzaContent
import PiazzaSite
import Testing

@Suite(
    "Content faults found by the re-attack stop check and build with a located error, never a crash or a silent pass")
struct ContentFaultBuildTests {
    /// Runs `check` and `build` on `content` (every portal, or only `portals`) and returns the
    /// diagnostics of each; both must fail and write nothing.
    func bothFail(_ content: TemporaryFolder, portals: [String] = []) throws -> [[String]] {
        let site = try TemporaryFolder()
        let options = SiteBuilder.Options(
            content: content.url, theme: Repository.theme, output: site.url, portals: portals, now: bandiOpen)
        let builder = SiteBuilder(options: options, logger: .init(label: "piazza-tests"))
        let checked = #expect(throws: ContentError.self) { try builder.check() }
        let built = #expect(throws: ContentError.self) { try builder.build() }
        #expect(try site.listing() == [])
        return [checked, built].map { $0?.diagnostics.map(\.description) ?? [] }
    }

    @Test("a scheda section written twice is an error at the second heading in check and build")
    func sectionTwice() throws {
        let content = try copyOfDemoContent()
        let page = try content.read("vigonza/servizi/centro-estivo.md")
        try content.write("vigonza/servizi/centro-estivo.md", page + "\n## contatti\n\nAncora.\n")
        let line = page.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        let expected = [
            "vigonza/servizi/centro-estivo.md:\(line):1: error: section 'Contatti' appears twice (first at line 56); "
                + "keep one, moving its text there"
        ]
        #expect(try bothFail(content) == [expected, expected])
    }

    @Test("an empty portal.yaml stops check and build, also when only that portal is asked for")
    func emptyPortalConfig() throws {
        let content = try copyOfDemoContent()
        try content.write("vigonza/portal.yaml", "")
        let expected = [
            "vigonza/portal.yaml:1:1: error: portal.yaml is empty (or only comments); write the portal's settings, "
                + "starting with `name: ...` (see docs/CONTENT.md)"
        ]
        #expect(try bothFail(content) == [expected, expected])
        #expect(try bothFail(content, portals: ["vigonza"]) == [expected, expected])
    }

    @Test("a javascript: address in access.online or a Markdown link stops check and build")
    func scriptAddresses() throws {
        let content = try copyOfDemoContent()
        let page = try content.read("vigonza/servizi/centro-estivo.md")
        try content.write(
            "vigonza/servizi/centro-estivo.md",
            page.replacingOccurrences(
                of: "online: https://iscrizioni.welfare.example.it/vigonza/centro-estivo",
                with: "online: JavaScript:alert(document.domain)"))
        try content.write("conegliano/chi-siamo.md", "---\ntitle: Chi siamo\n---\n\n[x](file:///etc/passwd)\n")
        let results = try bothFail(content)
        #expect(results[0] == results[1])
        #expect(
            results[0].map { $0.prefix { $0 != " " } } == [
                "conegliano/chi-siamo.md:5:1:", "vigonza/servizi/centro-estivo.md:16:11:",
            ])
    }
}
