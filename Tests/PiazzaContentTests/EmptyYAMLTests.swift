import Foundation
import PiazzaContent
import Testing

@Suite("A content YAML with nothing in it is an error at its first line, never a portal or form that silently vanishes")
struct EmptyYAMLTests {
    /// Bodies with no YAML node: empty, a byte order mark alone, comments and blank lines.
    static let empties: [[UInt8]] = [
        [], [0xEF, 0xBB, 0xBF], Array("# nulla da dire\n\n   \n".utf8),
        [0xEF, 0xBB, 0xBF] + Array("\r\n# solo un commento\r\n".utf8),
    ]

    @Test(
        "an empty, BOM-only or comment-only portal.yaml is an error at portal.yaml:1:1, even with --portal",
        arguments: empties)
    func portalConfig(bytes: [UInt8]) throws {
        let content = try ContentFixture()
        try content.write("beta/portal.yaml", bytes: bytes)
        let diagnostic = try content.onlyDiagnostic()
        #expect(
            diagnostic.description.hasPrefix(
                "beta/portal.yaml:1:1: error: portal.yaml is empty (or only comments); write"))
        #expect(throws: ContentError.self) { try content.load(portals: ["beta"]) }
    }

    @Test(
        "an empty or comment-only form file is an error at its first line, linked from a page or not",
        arguments: empties)
    func form(bytes: [UInt8]) throws {
        let content = try ContentFixture()
        try content.write("alfa/forms/vuoto.yaml", bytes: bytes)
        let diagnostic = try content.onlyDiagnostic()
        #expect(
            diagnostic.description.hasPrefix(
                "alfa/forms/vuoto.yaml:1:1: error: the form file is empty (or only comments); write"))
    }

    @Test(
        "front matter with nothing between the --- lines is an error at the first line", arguments: ["", "# titolo?\n"])
    func frontMatter(yaml: String) throws {
        let content = try ContentFixture()
        try content.write("alfa/chi-siamo.md", "---\n\(yaml)---\n\nTesto.\n")
        let diagnostic = try content.onlyDiagnostic()
        #expect(
            diagnostic.description
                == "alfa/chi-siamo.md:1:1: error: the front matter is empty; write `title: ...` (and the keys of the page type) between the two `---` lines"
        )
    }

    @Test("a portal folder without portal.yaml is an error naming the file")
    func missingPortalConfig() throws {
        let content = try ContentFixture()
        try content.remove("beta/portal.yaml")
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.file == "beta/portal.yaml")
        #expect(diagnostic.message.hasPrefix("portal 'beta' has no portal.yaml"))
    }
}
