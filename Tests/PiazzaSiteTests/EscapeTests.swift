import Foundation
import PiazzaContent
import Testing

@testable import PiazzaRender
@testable import PiazzaSite

/// One input and what each writer must make of it. Inputs join markup characters to their
/// neighbours in one grapheme cluster: a combining mark after (U+0301), a prepending mark before
/// (U+0600…U+0605, U+110BD), a zero-width joiner after; plus text that must pass unchanged.
struct EscapeVector: Sendable, CustomTestStringConvertible {
    let input: String
    let html: String
    let xml: String
    let json: String

    var testDescription: String {
        input.unicodeScalars.map {
            $0.isASCII && $0.value >= 0x20 ? String($0) : "U+\(String($0.value, radix: 16, uppercase: true))"
        }.joined()
    }

    /// Vectors where a grapheme-cluster comparison misses the markup character, and text that must not change.
    static let all: [EscapeVector] = [
        .init(input: "\"\u{301}", html: "&quot;\u{301}", xml: "&quot;\u{301}", json: "\\\"\u{301}"),
        .init(input: "'\u{301}", html: "&#39;\u{301}", xml: "'\u{301}", json: "'\u{301}"),
        .init(input: "<\u{301}", html: "&lt;\u{301}", xml: "&lt;\u{301}", json: "\\u003c\u{301}"),
        .init(input: ">\u{301}", html: "&gt;\u{301}", xml: "&gt;\u{301}", json: ">\u{301}"),
        .init(input: "&\u{301}", html: "&amp;\u{301}", xml: "&amp;\u{301}", json: "&\u{301}"),
        .init(
            input: "\"\u{301}\u{302}\u{303}", html: "&quot;\u{301}\u{302}\u{303}", xml: "&quot;\u{301}\u{302}\u{303}",
            json: "\\\"\u{301}\u{302}\u{303}"),
        .init(input: "\u{600}<", html: "\u{600}&lt;", xml: "\u{600}&lt;", json: "\u{600}\\u003c"),
        .init(input: "\u{605}\"", html: "\u{605}&quot;", xml: "\u{605}&quot;", json: "\u{605}\\\""),
        .init(input: "\u{603}'", html: "\u{603}&#39;", xml: "\u{603}'", json: "\u{603}'"),
        .init(input: "\u{110BD}>", html: "\u{110BD}&gt;", xml: "\u{110BD}&gt;", json: "\u{110BD}>"),
        .init(input: "\u{110BD}&", html: "\u{110BD}&amp;", xml: "\u{110BD}&amp;", json: "\u{110BD}&"),
        .init(input: "<\u{200D}b>", html: "&lt;\u{200D}b&gt;", xml: "&lt;\u{200D}b&gt;", json: "\\u003c\u{200D}b>"),
        .init(
            input: "\"\u{200D}\u{1F469}", html: "&quot;\u{200D}\u{1F469}", xml: "&quot;\u{200D}\u{1F469}",
            json: "\\\"\u{200D}\u{1F469}"),
        .init(
            input: "X\"\u{301} autofocus data-x=\"1", html: "X&quot;\u{301} autofocus data-x=&quot;1",
            xml: "X&quot;\u{301} autofocus data-x=&quot;1", json: "X\\\"\u{301} autofocus data-x=\\\"1"),
        .init(
            input: "<\u{301}button formaction=//evil>", html: "&lt;\u{301}button formaction=//evil&gt;",
            xml: "&lt;\u{301}button formaction=//evil&gt;", json: "\\u003c\u{301}button formaction=//evil>"),
        .init(
            input: "<\u{301}/script>", html: "&lt;\u{301}/script&gt;", xml: "&lt;\u{301}/script&gt;",
            json: "\\u003c\u{301}/script>"),
        .init(
            input: "a\u{2028}b\u{2029}c", html: "a\u{2028}b\u{2029}c", xml: "a\u{2028}b\u{2029}c",
            json: "a\\u2028b\\u2029c"),
        .init(
            input: "a\r\nb\tc\u{1}d\u{1F}", html: "a\r\nb\tc\u{1}d\u{1F}", xml: "a\r\nb\tc\u{FFFD}d\u{FFFD}",
            json: "a\\r\\nb\\tc\\u0001d\\u001f"),
        .init(
            input: "a\u{FFFE}b\u{FFFF}\u{FFFD}\u{F8FF}", html: "a\u{FFFE}b\u{FFFF}\u{FFFD}\u{F8FF}",
            xml: "a\u{FFFD}b\u{FFFD}\u{FFFD}\u{F8FF}", json: "a\u{FFFE}b\u{FFFF}\u{FFFD}\u{F8FF}"),
        .init(input: "\u{301}", html: "\u{301}", xml: "\u{301}", json: "\u{301}"),
        .init(input: "\u{301}\"", html: "\u{301}&quot;", xml: "\u{301}&quot;", json: "\u{301}\\\""),
        .init(
            input: "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}", html: "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}",
            xml: "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}", json: "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}"),
        .init(
            input: "Perché l’ISEE – 15.000 € è città", html: "Perché l’ISEE – 15.000 € è città",
            xml: "Perché l’ISEE – 15.000 € è città", json: "Perché l’ISEE – 15.000 € è città"),
        .init(
            input: "C'è \"più\" <tempo> & \\", html: "C&#39;è &quot;più&quot; &lt;tempo&gt; &amp; \\",
            xml: "C'è &quot;più&quot; &lt;tempo&gt; &amp; \\", json: "C'è \\\"più\\\" \\u003ctempo> & \\\\"),
        .init(input: "", html: "", xml: "", json: ""),
    ]
}

extension String {
    /// Whether `needle` occurs in the UTF-8 bytes. `String.contains` compares grapheme clusters, which
    /// is the very comparison these tests must not rely on.
    func containsBytes(_ needle: String) -> Bool {
        Array(utf8).firstRange(of: Array(needle.utf8)) != nil
    }
}

@Suite("Escaping works on Unicode scalars, never on grapheme clusters")
struct EscapeTests {
    @Test("HTML escaping replaces & < > \" ' whatever marks surround them", arguments: EscapeVector.all)
    func html(vector: EscapeVector) {
        #expect(Array(Escape.html(vector.input).utf8) == Array(vector.html.utf8))
        // Appended to a page's buffer, after what it holds.
        var page = Array("<p>".utf8)
        Escape.html(vector.input, into: &page)
        #expect(page == Array(("<p>" + vector.html).utf8))
    }

    @Test("XML escaping replaces & < > \" and characters XML 1.0 forbids", arguments: EscapeVector.all)
    func xml(vector: EscapeVector) {
        #expect(Array(Escape.xml(vector.input).utf8) == Array(vector.xml.utf8))
    }

    @Test("JSON strings for <script> escape quotes, controls, < and U+2028/U+2029", arguments: EscapeVector.all)
    func json(vector: EscapeVector) {
        #expect(Array(Escape.jsonInScript(vector.input).utf8) == Array(vector.json.utf8))
        var document = Array("{\"".utf8)
        Escape.jsonInScript(vector.input, into: &document)
        #expect(document == Array(("{\"" + vector.json).utf8))
    }

    @Test("JSON-LD writes every string through the same rule", arguments: EscapeVector.all)
    func jsonLD(vector: EscapeVector) {
        let json = JSONLD.encode([vector.input: vector.input])
        #expect(Array(json.utf8) == Array("{\"\(vector.json)\":\"\(vector.json)\"}".utf8))
    }

    @Test("the sitemap escapes page paths by scalar", arguments: EscapeVector.all)
    func sitemap(vector: EscapeVector) {
        let xml = Sitemap.render(baseURL: "https://example.it", paths: [vector.input], lastModified: [:])
        #expect(xml.containsBytes("<url><loc>https://example.it/\(vector.xml)</loc></url>\n"))
    }
}

@Suite("Content text with combining and prepending marks is escaped in every generated file")
struct GeneratedEscapingTests {
    static let title = "Sconti X\"\u{301} data-x=\"1 <\u{301}b>\u{600}<i>"

    @Test("a news title comes out escaped in its page, in the list and in the Atom feed")
    func newsTitle() throws {
        let content = try copyOfDemoContent()
        try content.write("vigonza/notizie/nuova.md", "---\ntitle: '\(Self.title)'\ndate: 2026-11-21\n---\n\nTesto.\n")
        let site = try TemporaryFolder()
        try buildSite(content: content.url, into: site.url, portals: ["vigonza"])
        let html = "Sconti X&quot;\u{301} data-x=&quot;1 &lt;\u{301}b&gt;\u{600}&lt;i&gt;"
        let page = try site.read("vigonza/notizie/nuova/index.html")
        #expect(page.containsBytes("<h1>\(html)</h1>"))
        #expect(page.containsBytes("<title>\(html) – Vigonza Welfare</title>"))
        // Outside its JSON-LD (where `\"` is JSON's own escape and `<` is `\u003c`), no quote or `<` is left raw.
        let markup = page.replacingOccurrences(of: "<script[^>]*>[^<]*</script>", with: "", options: .regularExpression)
        #expect(
            !markup.containsBytes("\"\u{301}") && !markup.containsBytes("<\u{301}") && !markup.containsBytes("\u{600}<")
        )
        #expect(
            page.containsBytes("\"headline\":\"Sconti X\\\"\u{301} data-x=\\\"1 \\u003c\u{301}b>\u{600}\\u003ci>\""))
        #expect(try site.read("vigonza/notizie/index.html").containsBytes(html))
        let feed = try site.read("vigonza/feed.xml")
        #expect(feed.containsBytes("<title>\(html)</title>"))
        #expect(try XMLTexts.parse(feed).texts["feed/entry/title"]?.first == Self.title)
    }

    @Test("a service title comes out escaped in the JSON-LD metatag")
    func serviceJSONLD() throws {
        let content = try copyOfDemoContent()
        let service = try content.read("vigonza/servizi/centro-estivo.md")
        let oldTitle = try #require(service.split(separator: "\n").first { $0.hasPrefix("title:") })
        try content.write(
            "vigonza/servizi/centro-estivo.md",
            service.replacingOccurrences(
                of: oldTitle, with: "title: 'Estate </script>\u{301}<\u{301}/script>\"\u{301}'"))
        let site = try TemporaryFolder()
        try buildSite(content: content.url, into: site.url, portals: ["vigonza"])
        let page = try site.read("vigonza/servizi/centro-estivo/index.html")
        let jsonLD = try #require(page.captures(between: "data-element=\"metatag\">", and: "</script>").first)
        #expect(jsonLD.containsBytes("\"name\":\"Estate \\u003c/script>\u{301}\\u003c\u{301}/script>\\\"\u{301}\""))
        #expect(!jsonLD.containsBytes("<"))
    }
}
