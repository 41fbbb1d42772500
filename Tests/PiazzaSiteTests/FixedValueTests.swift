import Foundation
import Testing

@testable import PiazzaRender

/// A section over a ``FixedValue`` renders once and is copied into the next pages, but only when what it
/// rendered depends on nothing else than the value.
@Suite("A section over a fixed value renders once for every page that shows it")
struct FixedValueTests {
    /// Counts how many times a template printed it: a section kept from an earlier page prints it no more.
    final class Counter: CustomStringConvertible, @unchecked Sendable {
        private var count = 0
        var description: String {
            count += 1
            return "\(count)"
        }
    }

    static let templates = [
        "page":
            "<h1>{{title}}</h1>\n{{#footer}}<p>{{count}} {{link}}</p>\n{{/footer}}{{#items}}<li>{{count}} {{name}}</li>{{/items}}\n",
        // `title` is the page's: the section reads outside its value.
        "reading": "{{#footer}}<p>{{count}} {{title}}</p>{{/footer}}{{#items}}<li>{{count}} {{title}}</li>{{/items}}\n",
        // A block of a parent inside the section: the child's, not the value's.
        "layout": "{{#footer}}[{{count}} {{$inner}}parent{{/inner}}]{{/footer}}\n",
        "child": "{{<layout}}{{$inner}}{{title}}{{/inner}}{{/layout}}",
        "indented": "<ul>\n  {{> item}}\n</ul>\n",
        "item": "{{#footer}}\n<li>{{count}}</li>\n<li>{{link}}</li>\n{{/footer}}\n",
    ]

    static func page(_ title: String, footer: FixedValue, items: [FixedValue]) -> [String: Any] {
        ["title": title, "footer": footer, "items": items]
    }

    @Test("a section over a fixed value and each fixed item of a list render once, the same bytes as plain values")
    func keptOnce() throws {
        let folder = try ThemeTests.theme(Self.templates)
        let theme = try Theme.load(from: folder.url)
        let counter = Counter()
        let footer = FixedValue(["count": counter, "link": "a & b"])
        let items = [FixedValue(["count": counter, "name": "uno"]), FixedValue(["count": counter, "name": "<due>"])]
        let first = try theme.render("page", Self.page("Primo", footer: footer, items: items))
        let second = try theme.render("page", Self.page("Secondo", footer: footer, items: items))
        #expect(first == "<h1>Primo</h1>\n<p>1 a &amp; b</p>\n<li>2 uno</li><li>3 &lt;due&gt;</li>\n")
        #expect(second == "<h1>Secondo</h1>\n<p>1 a &amp; b</p>\n<li>2 uno</li><li>3 &lt;due&gt;</li>\n")
        // A plain dictionary and list render the same bytes, every time.
        let plain = Counter()
        let context: [String: Any] = [
            "title": "Primo", "footer": ["count": plain, "link": "a & b"] as [String: Any],
            "items": [["count": plain, "name": "uno"], ["count": plain, "name": "<due>"]] as [[String: Any]],
        ]
        #expect(try theme.render("page", context) == first)
        #expect(
            try theme.render("page", context)
                == "<h1>Primo</h1>\n<p>4 a &amp; b</p>\n<li>5 uno</li><li>6 &lt;due&gt;</li>\n")
    }

    @Test("a section that reads a name of its page, a parent's block or a partial's indentation renders every time")
    func notKept() throws {
        let folder = try ThemeTests.theme(Self.templates)
        let theme = try Theme.load(from: folder.url)
        let counter = Counter()
        let footer = FixedValue(["count": counter, "link": "x"])
        let items = [FixedValue(["count": counter])]
        #expect(try theme.render("reading", Self.page("A", footer: footer, items: items)) == "<p>1 A</p><li>2 A</li>\n")
        #expect(try theme.render("reading", Self.page("B", footer: footer, items: items)) == "<p>3 B</p><li>4 B</li>\n")
        #expect(try theme.render("child", Self.page("C", footer: footer, items: [])) == "[5 C]\n")
        #expect(try theme.render("child", Self.page("D", footer: footer, items: [])) == "[6 D]\n")
        #expect(
            try theme.render("indented", Self.page("E", footer: footer, items: []))
                == "<ul>\n  <li>7</li>\n  <li>x</li>\n</ul>\n")
        #expect(
            try theme.render("indented", Self.page("F", footer: footer, items: []))
                == "<ul>\n  <li>8</li>\n  <li>x</li>\n</ul>\n")
    }
}
