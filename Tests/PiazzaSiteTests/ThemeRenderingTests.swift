import Foundation
import PiazzaRender
import Testing

@Suite("A theme renders Mustache byte for byte as swift-mustache does")
struct ThemeRenderingTests {
    /// Templates exercising the rules piazza's renderer takes over from swift-mustache 2.1.1: standalone
    /// lines, indented partials (whose lines after a "\r\n" are not indented), parents and their blocks,
    /// dotted and local names, sections over dictionaries, arrays and booleans, integers and booleans as
    /// text, unescaped values and the TEXT content type.
    static let templates = [
        "indented": "<ul>\n  {{> item}}\n</ul>\n",
        "item": "{{#items}}\n<li>{{.}}</li>\n{{/items}}\n",
        "lines": "<li>1</li>\n<li>{{title}}</li>\n{{#items}}\n<li>{{.}}</li>\n{{/items}}\n",
        "linesCRLF": "<li>1</li>\r\n<li>{{title}}</li>\r\n<li>2</li>\n",
        "indentedLines": "<ul>\n  {{> lines}}\n\t{{> linesCRLF}}\n</ul>\n",
        "layout": "<main>\n  {{$main}}default{{/main}}\n</main>\n<p>{{title}}</p>\n",
        "child":
            "{{<layout}}\n{{$main}}\n<h1>{{title}}</h1>\n  <p>{{filter.count}} · {{&raw}} · {{{raw}}}</p>\n{{/main}}\n{{/layout}}\n",
        "crlf": "<ul>\r\n  {{> item}}\r\n</ul>\r\n{{#filter}}{{count}}-{{title}}{{/filter}}",
        "values":
            "{{n}} {{yes}} {{no}} {{#none}}x{{/none}}{{^none}}vuoto{{/none}}{{^no}}falso{{/no}}{{#filter}}{{.count}}{{/filter}}",
        "text": "{{% CONTENT_TYPE: TEXT}}{{raw}} {{title}}",
        "nested": "{{#rows}}{{#cells}}[{{v}}/{{title}}]{{/cells}}{{^cells}}none{{/cells}};{{/rows}}",
    ]

    static var context: [String: Any] {
        [
            "items": ["a & b", "<c>"], "title": "T \"q\" 'a'", "raw": "<br>",
            "filter": ["count": 3, "title": "F"] as [String: Any], "n": 42, "yes": true, "no": false,
            "none": [String](),
            "rows": [["cells": [["v": 1], ["v": 2]]], ["cells": [[String: Any]]()]] as [[String: Any]],
        ]
    }

    /// What `MustacheLibrary.render` of swift-mustache 2.1.1 gives for each template with ``context``,
    /// with piazza's escaping (``Escape/html(_:)``) registered as `HTML`.
    static let expected = [
        "indented": "<ul>\n  <li>a &amp; b</li>\n<li>&lt;c&gt;</li>\n</ul>\n",
        "indentedLines":
            "<ul>\n  <li>1</li>\n  <li>T &quot;q&quot; &#39;a&#39;</li>\n  <li>a &amp; b</li>\n<li>&lt;c&gt;</li>\n\t<li>1</li>\r\n<li>T &quot;q&quot; &#39;a&#39;</li>\r\n<li>2</li>\n</ul>\n",
        "child":
            "<main>\n  <h1>T &quot;q&quot; &#39;a&#39;</h1>\n    <p>3 · <br> · <br></p>\n\n</main>\n<p>T &quot;q&quot; &#39;a&#39;</p>\n",
        "crlf": "<ul>\r\n  <li>a &amp; b</li>\n<li>&lt;c&gt;</li>\n</ul>\r\n3-F",
        "values": "42 true false vuotofalso3",
        "text": "<br> T \"q\" 'a'",
        "nested": "[1/T &quot;q&quot; &#39;a&#39;][2/T &quot;q&quot; &#39;a&#39;];none;",
    ]

    @Test("a template renders exactly the bytes swift-mustache renders", arguments: expected.keys.sorted())
    func sameBytes(_ name: String) throws {
        let folder = try ThemeTests.theme(Self.templates)
        let html = try Theme.load(from: folder.url).render(name, Self.context)
        #expect(Array(html.utf8) == Array(Self.expected[name]!.utf8))
    }

    @Test(
        "a transform or a dynamic partial is refused when the theme loads, naming its template",
        arguments: [
            (
                "{{#items}}{{index()}}{{/items}}",
                "1:11: transforms such as `index(…)` are not supported in piazza's themes"
            ),
            ("{{>*name}}", "1:1: dynamic partials (`{{>*name}}`) are not supported in piazza's themes"),
        ])
    func unsupported(_ text: String, _ message: String) throws {
        let folder = try ThemeTests.theme(["page": text])
        let error = #expect(throws: ThemeError.self) { try Theme.load(from: folder.url) }
        #expect(error?.code == .invalidTemplate)
        #expect(error?.message == "\(folder.url.path)/templates/page.mustache:\(message)")
    }
}
