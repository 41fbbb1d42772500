import Foundation
import PiazzaRender
import Testing

@Suite("Every template escapes by scalar, wherever the value is rendered")
struct ThemeEscapingTests {
    /// Templates that put `{{value}}` in an attribute and in text, at the top level, in a section, an
    /// inverted section, a partial, a partial inside a section, and a block of a parent template.
    static let templates = [
        "page": #"<input value="{{value}}"><p>{{value}}</p>"#,
        "section": #"{{#items}}<input value="{{value}}"><p>{{.}}</p>{{/items}}"#,
        "inverted": #"{{^none}}<input value="{{value}}"><p>{{value}}</p>{{/none}}"#,
        "partial": #"<div>{{> field}}</div>"#,
        "field": #"<input value="{{value}}"><p>{{value}}</p>"#,
        "partialInSection": #"{{#items}}{{> field}}{{/items}}"#,
        "layout": #"<main title="{{value}}">{{$main}}default{{/main}}</main>"#,
        "child": "{{<layout}}{{$main}}<input value=\"{{value}}\"><p>{{value}}</p>{{/main}}{{/layout}}",
        "explicit": #"{{% CONTENT_TYPE: HTML}}<input value="{{value}}"><p>{{value}}</p>"#,
    ]

    static let expected = [
        "page": #"<input value="E"><p>E</p>"#,
        "section": #"<input value="E"><p>E</p>"#,
        "inverted": #"<input value="E"><p>E</p>"#,
        "partial": #"<div><input value="E"><p>E</p></div>"#,
        "partialInSection": #"<input value="E"><p>E</p>"#,
        "child": #"<main title="E"><input value="E"><p>E</p></main>"#,
        "explicit": #"<input value="E"><p>E</p>"#,
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        let template: String
        let vector: EscapeVector
        var testDescription: String { "\(template): \(vector.testDescription)" }
    }

    static let cases = expected.keys.sorted().flatMap { template in
        EscapeVector.all.map { Case(template: template, vector: $0) }
    }

    @Test(
        "a value in an attribute and in text is escaped in templates, sections, partials and parents",
        arguments: cases)
    func escaped(_ test: Case) throws {
        let folder = try ThemeTests.theme(Self.templates)
        let theme = try Theme.load(from: folder.url)
        let html = try theme.render(
            test.template, ["value": test.vector.input, "items": [test.vector.input], "none": false])
        let wanted = Self.expected[test.template]!.replacingOccurrences(of: "E", with: test.vector.html)
        #expect(Array(html.utf8) == Array(wanted.utf8))
    }

    @Test("the escaping pragma keeps standalone tags on the first line standalone")
    func firstLineUnchanged() throws {
        let folder = try ThemeTests.theme(["page": "{{#items}}\n<li>{{.}}</li>\n{{/items}}\n{{! commento }}\nfine\n"])
        let theme = try Theme.load(from: folder.url)
        #expect(try theme.render("page", ["items": ["a", "b"]]) == "<li>a</li>\n<li>b</li>\nfine\n")
    }

    @Test("a parse error names the template's own line and column")
    func parseErrorLine() throws {
        let folder = try ThemeTests.theme(["page": "<main>\n<p>{{#a}}x{{/b}}</p>\n</main>\n"])
        let error = #expect(throws: ThemeError.self) { try Theme.load(from: folder.url) }
        #expect(error?.code == .invalidTemplate)
        #expect(
            error?.message
                == "\(folder.url.path)/templates/page.mustache:2:11: {{/b}} closes 'b', but the section open here is "
                + "{{#a}}, opened at 2:4; close that one first with {{/a}}, or correct the name")
    }
}
