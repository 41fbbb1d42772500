import Foundation
import Testing

@testable import PiazzaSite

@Suite("Editing a partial renders the pages that use it, whatever the characters of its name")
struct PartialNameTests {
    /// A partial of the default theme, how a template names it, and the template that does.
    struct Use: Sendable, CustomTestStringConvertible {
        var partial: String
        var tag: String
        var template: String
        var before: String

        var testDescription: String { "\(tag) in \(template).mustache" }
    }

    static let uses = [
        // `.` and `?` are legal in a name for swift-mustache, as are other delimiters: the graph is the parser's.
        Use(partial: "nota.breve", tag: "{{> nota.breve}}", template: "news", before: "</article>"),
        Use(partial: "nota?", tag: "{{=<% %>=}}<%>nota?%><%={{ }}=%>", template: "page", before: "</div>\n{{/main}}"),
        Use(
            partial: "nota_breve-2", tag: "{{#title}}{{>nota_breve-2}}{{/title}}", template: "news",
            before: "</article>"),
    ]

    @Test(
        "the incremental build renders exactly the pages showing the partial, and writes a clean build's bytes",
        arguments: uses)
    func partialEdited(_ use: Use) throws {
        let workspace = try IncrementalBuildTests.Workspace()
        let templates = "themes/default/templates/"
        try workspace.root.write(templates + use.partial + ".mustache", "<p class=\"nota\">NOTA-UNO</p>\n")
        try workspace.edit(templates + use.template + ".mustache", replacing: use.before, with: use.tag + use.before)
        try workspace.build()
        try workspace.expectSameAsCleanBuild()

        try workspace.edit(templates + use.partial + ".mustache", replacing: "NOTA-UNO", with: "NOTA-DUE")
        let report = try #require(try workspace.build()["vigonza"])
        let showing = try workspace.root.files(under: "site/vigonza")
            .filter { String(decoding: $0.value, as: UTF8.self).contains("NOTA-DUE") }.keys.sorted()
        #expect(showing.count > 1)
        #expect(report.rendered.sorted() == showing)
        try workspace.expectSameAsCleanBuild()
    }
}
