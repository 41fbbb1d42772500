import Foundation
import PiazzaContent
import PiazzaSite
import Testing

/// Text not meant for citizens is not published unnoticed (finding 1 and 25 of session 13): `piazza new`'s own
/// placeholders are errors for `piazza check` where they are published, the usual marks of unfinished text are
/// warnings at their place, and the demo's example pages are named when a portal that is not the demo publishes them.
@Suite("Placeholders and the demo's examples in published content")
struct PlaceholderCheckTests {
    /// The lines of the example markers under `_shared/`, as `file:line:1`, sorted: each file a portal publishes.
    static func sharedMarkers(in content: TemporaryFolder) throws -> [String] {
        let shared = content.appending("_shared")
        let files = try FileManager.default.subpathsOfDirectory(atPath: shared.path).filter {
            $0.hasSuffix(".md") || $0.hasSuffix(".yaml")
        }
        return try files.sorted().compactMap { file in
            let lines = try String(contentsOf: shared.appendingPathComponent(file), encoding: .utf8)
                .components(separatedBy: "\n")
            return lines.firstIndex { $0.hasPrefix(Scaffold.exampleMarker) }.map { "_shared/\(file):\($0 + 1):1" }
        }
    }

    @Test("a new portal over the demo's _shared: its placeholders are errors, each shared example a warning")
    func newPortal() throws {
        let content = try copyOfDemoContent()
        try NewcomerCheckTests.casier(in: content)
        let markers = try Self.sharedMarkers(in: content)
        #expect(markers.count == 21)
        let fill = "is a placeholder written by `piazza new`: write the real value before publishing"
        #expect(
            try audit(content, portals: ["casier"])
                == markers.map {
                    "\($0): warning: an example of piazza's demo (this line marks it) is published by portal 'casier': rewrite it for the comune and delete this line, or delete the file (docs/CONTENT.md, *Starting files*)"
                } + [
                    "casier/portal.yaml:12:11: error: «000 0000000» \(fill)",
                    "casier/portal.yaml:16:43: error: «(da completare)» \(fill)",
                    "casier/portal.yaml:17:51: error: «view/da-completare» \(fill)",
                ])
    }

    @Test("piazza build tells the same placeholders, each once, as warnings: it publishes what it is given")
    func buildWarnings() throws {
        let content = try copyOfDemoContent()
        try NewcomerCheckTests.casier(in: content)
        let tree = try ContentTree.load(from: content.url, portals: ["casier", "vigonza"])
        let warnings = PlaceholderAudit.warnings(in: tree).map(\.description)
        #expect(
            warnings.filter { $0.hasPrefix("casier/") } == [
                "casier/portal.yaml:12:11: warning: «000 0000000» is a placeholder written by `piazza new`: write the real value before publishing",
                "casier/portal.yaml:16:43: warning: «(da completare)» is a placeholder written by `piazza new`: write the real value before publishing",
                "casier/portal.yaml:17:51: warning: «view/da-completare» is a placeholder written by `piazza new`: write the real value before publishing",
            ])
        #expect(warnings.count == 3 + 21)
    }

    @Test("the demo portals say they are the demo: their examples check without a word")
    func demo() throws {
        let content = try copyOfDemoContent()
        let problems = try audit(content, portals: ["vigonza", "conegliano"])
        #expect(problems.filter { $0.contains("piazza new") || $0.contains("demo") || $0.contains("unfinished") } == [])
    }

    @Test(
        "a new page is a draft; without its draft line each placeholder is an error at its place",
        arguments: [
            (
                "vigonza/chi-siamo.md",
                ["2:8 «Nuova pagina»", "5:1 «Testo della pagina.»"]
            ),
            (
                "vigonza/notizie/festa.md",
                ["2:8 «Nuova notizia»", "4:14 «Riassunto in una frase.»", "7:1 «Testo della notizia.»"]
            ),
            (
                "vigonza/eventi/_index.md",
                ["3:14 «Una frase che dice cosa trova qui chi legge.»", "6:1 «Testo introduttivo della sezione.»"]
            ),
        ])
    func newPage(path: String, expected: [String]) throws {
        let content = try copyOfDemoContent()
        _ = try Scaffold.newPage(path: path, in: content.url, today: ContentDate(iso: "2026-11-30")!)
        #expect(try audit(content).filter { $0.hasPrefix(path) } == [])
        let text = try String(contentsOf: content.appending(path), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        #expect(lines[1].hasPrefix("draft: true  # "))
        try (lines[..<1] + lines[2...]).joined(separator: "\n").write(
            to: content.appending(path), atomically: true, encoding: .utf8)
        let fix =
            "write the real text before publishing, or put `draft: true` in the front matter until the page is ready"
        #expect(
            try audit(content).filter { $0.hasPrefix(path) }
                == expected.map { item in
                    let (place, text) = (item.prefix { $0 != " " }, item.drop { $0 != " " }.dropFirst())
                    return "\(path):\(place): error: \(text) is a placeholder written by `piazza new`: \(fix)"
                })
    }

    @Test("a new service without its draft line: the title, description, place and every mandatory section")
    func newService() throws {
        let content = try copyOfDemoContent()
        let path = "vigonza/servizi/nuovo.md"
        _ = try Scaffold.newPage(path: path, in: content.url, today: ContentDate(iso: "2026-11-30")!)
        let text = try String(contentsOf: content.appending(path), encoding: .utf8)
        try text.replacingOccurrences(of: "\(Scaffold.draftLine)\n", with: "").write(
            to: content.appending(path), atomically: true, encoding: .utf8)
        let problems = try audit(content).filter { $0.hasPrefix(path) }
        let sections = ServiceSection.Kind.allCases.filter(\.isMandatory).count
        #expect(problems.filter { $0.contains("«Da scrivere.»") }.count == sections)
        #expect(problems.count == sections + 3)
        #expect(problems.first?.hasPrefix("\(path):2:8: error: «Nuovo servizio» is a placeholder") == true)
        #expect(problems.contains { $0.hasPrefix("\(path):13:10: error: «\(Scaffold.Placeholder.servicePlace.text)»") })
    }

    @Test(
        "TODO, FIXME, XXX, Lorem ipsum and a link to # alone are warnings at their column; words holding them are not")
    func unfinishedText() throws {
        let content = try newsWith(
            "Orari: TODO.\n\nTelefono: XXX XXXXXXX, è già più: FIXME\n\nlorem ipsum dolor sit amet.\n\n"
                + "Vedi [il bando](#).\n\nTODOS, XXXL e MAXXX restano.\n")
        let file = "vigonza/notizie/prova.md"
        #expect(
            try audit(content).filter { $0.hasPrefix(file) } == [
                "\(file):6:8: warning: «TODO» marks unfinished text, and it would be published as written; finish the text and remove it",
                "\(file):8:11: warning: «XXX» marks unfinished text, and it would be published as written; finish the text and remove it",
                "\(file):8:35: warning: «FIXME» marks unfinished text, and it would be published as written; finish the text and remove it",
                "\(file):10:1: warning: «lorem ipsum» is filler text, and it would be published as written; write the real text",
                "\(file):12:15: warning: a link to '#' alone leads nowhere; write the page or address it should open, or remove the link",
            ])
    }

    @Test("a new page at a shared page's path is refused unless it says it replaces it; then it is a draft meanwhile")
    func overridingShared() throws {
        let content = try copyOfDemoContent()
        let failure = #expect(throws: Scaffold.Failure.self) {
            try Scaffold.newPage(path: "vigonza/privacy.md", in: content.url, today: ContentDate(iso: "2026-11-30")!)
        }
        #expect(
            failure?.message
                == "_shared/privacy.md already gives every portal this page; a page at vigonza/privacy.md would replace it for portal 'vigonza' only. To replace it, run again with --override-shared; to change it for every portal, edit _shared/privacy.md"
        )
        #expect(!FileManager.default.fileExists(atPath: content.appending("vigonza/privacy.md").path))
        _ = try Scaffold.newPage(
            path: "vigonza/privacy.md", in: content.url, today: ContentDate(iso: "2026-11-30")!,
            overridingShared: true)
        #expect(Scaffold.sharedPage(overriddenBy: "vigonza/privacy.md", in: content.url) == "_shared/privacy.md")
        let portal = try #require(try ContentTree.load(from: content.url, portals: ["vigonza"]).portal("vigonza"))
        #expect(portal.page(id: "privacy.md")?.source == "_shared/privacy.md")
    }
}
