import Foundation
import Hummingbird
import HummingbirdTesting
import PiazzaContent
import PiazzaSite
import Synchronization
import Testing

/// Runs `piazza check`'s audit on `content` (only `vigonza` unless told) and returns every problem.
func audit(_ content: TemporaryFolder, portals: [String] = ["vigonza"], now: Date = bandiOpen) throws -> [String] {
    let options = SiteBuilder.Options(
        content: content.url, theme: Repository.theme, output: content.appending("unused-site"), portals: portals,
        now: now)
    return try SiteBuilder(options: options, logger: .init(label: "piazza-tests")).audit().diagnostics.map(
        \.description)
}

/// A news item of Vigonza with `body` after its front matter: the body starts on line 6.
func newsWith(_ body: String) throws -> TemporaryFolder {
    let content = try copyOfDemoContent()
    try content.write("vigonza/notizie/prova.md", "---\ntitle: Prova\ndate: 2026-11-21\n---\n\n" + body)
    return content
}

/// A news item of Vigonza whose front matter is `title: Prova`, `date: 2026-11-31` then `rest` (the rest of the
/// front matter, the closing `---` and the body).
func newsWithBadDate(_ rest: String) throws -> TemporaryFolder {
    let content = try copyOfDemoContent()
    try content.write("vigonza/notizie/prova.md", "---\ntitle: Prova\ndate: 2026-11-31\n" + rest)
    return content
}

/// A news item of Vigonza with four mistakes (`newsWithBadDate(fourMistakes.body)`): an impossible date and an unknown
/// key in its front matter, a missing image and a link to a missing section in its text; and the errors, in file
/// order, that one `piazza check` reports.
let fourMistakes = (
    body: "topic: [Associazioni]\n---\n\n"
        + "Una ![Chiesa](../static/piazza.jpg) e i [contatti](../servizi/resta-al-passo.md#contattti).\n",
    errors: [
        "vigonza/notizie/prova.md:3:7: error: `date` in news front matter is '2026-11-31', which does not exist: November 2026 has 30 days; check the day and the month",
        "vigonza/notizie/prova.md:4:1: error: unknown key `topic` in news front matter; did you mean `topics`?",
        "vigonza/notizie/prova.md:7:5: error: image '../static/piazza.jpg' does not exist in portal 'vigonza'; put the file in static/ or fix the path",
        "vigonza/notizie/prova.md:7:41: error: link to '../servizi/resta-al-passo.md#contattti' points to '#contattti', which the page published at 'servizi/resta-al-passo/' does not have; did you mean '#contacts'? (docs/CONTENT.md, *Links to a section*)",
    ]
)

@Suite("piazza check finds what a build lets through")
struct CheckTests {
    @Test("the demo content has no problem while its bandi are open")
    func demo() throws {
        #expect(try audit(copyOfDemoContent(), portals: []) == [])
    }

    /// The ids of Vigonza's `resta-al-passo` service as the error lists them: its own, not the theme's.
    static let serviceIDs =
        "sections are #contenuto, #who-needs, #how-to, #needed, #obtain, #deadlines, #costs, #submit-request, #more-info, #conditions, #contacts (docs/CONTENT.md, *Links to a section*)"

    @Test("a page whose front matter fails still has its text checked: its four mistakes in one run, in file order")
    func frontMatterAndBody() throws {
        #expect(try audit(newsWithBadDate(fourMistakes.body)) == fourMistakes.errors)
    }

    @Test("a link to a section the page does not have is an error at the link; the ids the theme renders pass")
    func anchors() throws {
        let content = try newsWith(
            """
            Vedi [i contatti](../servizi/resta-al-passo.md#contacts) e [come fare](../servizi/resta-al-passo.md#how-to).
            Vedi [i recapiti](../servizi/resta-al-passo.md#recapiti).
            Torna [su](#contenuto) o [giù](#fondo), oppure al [modulo](../forms/misura-1.yaml#f-codice-fiscale).

            """)
        #expect(
            try audit(content) == [
                "vigonza/notizie/prova.md:7:6: error: link to '../servizi/resta-al-passo.md#recapiti' points to '#recapiti', which the page published at 'servizi/resta-al-passo/' does not have; its "
                    + Self.serviceIDs,
                "vigonza/notizie/prova.md:8:26: error: link to '#fondo' points to '#fondo', which the page published at 'notizie/prova/' does not have; its sections are #contenuto (docs/CONTENT.md, *Links to a section*)",
            ])
    }

    @Test(
        "a misspelt section suggests the id meant, by the id, the section's title or the field's name",
        arguments: [
            ("../servizi/resta-al-passo.md#contattti", "contattti", "contacts"),
            ("../servizi/resta-al-passo.md#contatti", "contatti", "contacts"),
            ("../servizi/resta-al-passo.md#come-fare", "come-fare", "how-to"),
            ("../servizi/resta-al-passo.md#contact", "contact", "contacts"),
        ])
    func suggestion(link: String, fragment: String, meant: String) throws {
        #expect(
            try audit(newsWith("Vedi [qui](\(link)).\n")) == [
                "vigonza/notizie/prova.md:6:6: error: link to '\(link)' points to '#\(fragment)', which the page published at 'servizi/resta-al-passo/' does not have; did you mean '#\(meant)'? (docs/CONTENT.md, *Links to a section*)"
            ])
    }

    @Test(
        "a misspelt form field suggests the closest few of its sections and top-level fields, never a hint, a row or the honeypot (finding 24)",
        arguments: [
            ("codice-fiscale", "did you mean '#f-codice-fiscale'?"),
            ("f-codice-fiscal", "did you mean '#f-codice-fiscale'?"),
            ("sezione-9", "did you mean '#sezione-1', '#sezione-2' or '#sezione-3'?"),
            (
                "allegati-vari",
                "its sections and fields are #contenuto, #sezione-1, #f-nome, #f-cognome, #f-codice-fiscale, #f-data-nascita, #f-comune-residenza, #f-indirizzo, #f-cap, #f-telefono, #f-email, #sezione-2, #f-componenti, #sezione-3, #f-isee and 6 more"
            ),
        ])
    func fieldSuggestion(fragment: String, told: String) throws {
        #expect(
            try audit(newsWith("Vedi il [campo](../forms/misura-1.yaml#\(fragment)).\n")) == [
                "vigonza/notizie/prova.md:6:9: error: link to '../forms/misura-1.yaml#\(fragment)' points to '#\(fragment)', which the page published at 'moduli/misura-1/' does not have; \(told) (docs/CONTENT.md, *Links to a section*)"
            ])
    }

    @Test(
        "an image or a link to a file that does not exist says which it is, how to fix it and the closest name",
        arguments: [
            (
                "![Chiesa](../static/piazza.jpg)",
                "vigonza/notizie/prova.md:6:1: error: image '../static/piazza.jpg' does not exist in portal 'vigonza'; put the file in static/ or fix the path"
            ),
            (
                "![Il logo](../static/logo.png)",
                "vigonza/notizie/prova.md:6:1: error: image '../static/logo.png' does not exist in portal 'vigonza'; put the file in static/ or fix the path; did you mean '/static/logo.svg'?"
            ),
            (
                "![Il logo](../img/logo.svg)",
                "vigonza/notizie/prova.md:6:1: error: image '../img/logo.svg' does not exist in portal 'vigonza'; put the file in static/ or fix the path"
            ),
            (
                "Il [servizio](../servizi/resta-al-pass.md)",
                "vigonza/notizie/prova.md:6:4: error: link to '../servizi/resta-al-pass.md' points to 'servizi/resta-al-pass.md', which does not exist in portal 'vigonza'; fix the path to a page (.md), a static/ file or a forms/ID.yaml, relative to this file or starting with / from the portal root; did you mean '/servizi/resta-al-passo.md'?"
            ),
        ])
    func missingFiles(markdown: String, expected: String) throws {
        #expect(try audit(newsWith(markdown + "\n")) == [expected])
    }

    @Test(
        "an image needs alternative text, a file of the portal and an image file",
        arguments: [
            (
                "![](../static/logo.svg)",
                "vigonza/notizie/prova.md:6:1: error: image '../static/logo.svg' has no alternative text; write what it shows between the brackets, e.g. ![Mappa della sede](../static/logo.svg)"
            ),
            (
                "Il logo: ![Il logo](https://example.org/logo.png)",
                "vigonza/notizie/prova.md:6:10: error: image 'https://example.org/logo.png' is not a file of the portal; pages make no requests to other sites, so put the image under static/ and link it from there"
            ),
            (
                "![Bando](../misure/misura-1-buoni-spesa.md)",
                "vigonza/notizie/prova.md:6:1: error: image '../misure/misura-1-buoni-spesa.md' points to 'misure/misura-1-buoni-spesa/', which is not an image file; link a .png, .jpg, .gif, .webp, .avif or .svg file under static/"
            ),
        ])
    func images(markdown: String, expected: String) throws {
        #expect(try audit(newsWith(markdown + "\n")) == [expected])
        #expect(try audit(newsWith("![Il logo del portale](../static/logo.svg)\n")) == [])
    }

    @Test("a featured measure whose bando is over is a warning at featured_measures")
    func featuredClosed() throws {
        // Vigonza's Misura 3 was extended to 31 January: still open on 15 January.
        #expect(
            try audit(copyOfDemoContent(), now: bandiClosed) == [
                "vigonza/portal.yaml:23:1: warning: featured measure 'misura-1-buoni-spesa' is listed as open, but its bando is over (vigonza/misure/misura-1-buoni-spesa.md); the home page no longer shows it: remove it from featured_measures",
                "vigonza/portal.yaml:23:1: warning: featured measure 'misura-2-bollette' is listed as open, but its bando is over (_shared/misure/misura-2-bollette.md); the home page no longer shows it: remove it from featured_measures",
            ])
    }

    @Test("a portal page at the address of a _shared page it does not override is an error at its first line")
    func sharedOverrideAddress() throws {
        let content = try copyOfDemoContent()
        try content.write("vigonza/faq/_index.md", "---\ntitle: Domande\n---\n\nTesto.\n")
        #expect(
            try audit(content) == [
                "vigonza/faq/_index.md:1:1: error: this page is published at 'faq/', like _shared/faq.md; rename or move one of them"
            ])
    }

    @Test("check collects the web addresses the Markdown links to, with their place")
    func collectsExternal() throws {
        let content = try newsWith("Vedi [il sito](https://example.org/a) e [la mail](mailto:a@example.org).\n")
        let options = SiteBuilder.Options(
            content: content.url, theme: Repository.theme, output: content.appending("unused"), portals: ["vigonza"],
            now: bandiOpen)
        let check = try SiteBuilder(options: options, logger: .init(label: "piazza-tests")).audit()
        let found = check.externalLinks.filter { $0.location.file == "vigonza/notizie/prova.md" }
        #expect(found.map { "\($0.location) \($0.url)" } == ["vigonza/notizie/prova.md:6:6 https://example.org/a"])
    }

    @Test("--format json is an array of objects with file, line, column, severity and message")
    func json() throws {
        let diagnostics = [
            Diagnostic(.error, file: "vigonza/a.md", line: 3, column: 7, message: "un \"problema\" / qui"),
            Diagnostic(.warning, file: "vigonza/portal.yaml", line: 22, column: 1, message: "attenzione"),
        ]
        let parsed = try JSONSerialization.jsonObject(with: Data(Diagnostic.json(diagnostics).utf8))
        let objects = try #require(parsed as? [[String: Any]])
        #expect(objects.count == 2)
        #expect(objects[0]["file"] as? String == "vigonza/a.md")
        #expect(objects[0]["line"] as? Int == 3)
        #expect(objects[0]["column"] as? Int == 7)
        #expect(objects[0]["severity"] as? String == "error")
        #expect(objects[0]["message"] as? String == "un \"problema\" / qui")
        #expect(objects[1]["severity"] as? String == "warning")
        #expect(Diagnostic.json([]) == "[]")
    }
}

@Suite("piazza check --external asks each web address once, HEAD then GET, within a timeout")
struct ExternalLinksTests {
    /// A local web server: `/ok` answers, `/gone` is 404, `/no-head` refuses HEAD but answers GET,
    /// `/slow` answers after 15 s, and every request is counted by path and method.
    final class Server: Sendable {
        let requests = RequestLog()

        func application() -> some ApplicationProtocol {
            let router = Router()
            let log = requests
            router.on("ok", method: .head) { request, _ in
                await log.add("HEAD \(request.uri.path)")
                return HTTPResponse.Status.ok
            }
            router.get("ok") { request, _ in
                await log.add("GET \(request.uri.path)")
                return "ok"
            }
            router.on("gone", method: .head) { _, _ in HTTPResponse.Status.notFound }
            router.get("gone") { _, _ in HTTPResponse.Status.notFound }
            router.on("no-head", method: .head) { _, _ in HTTPResponse.Status.methodNotAllowed }
            router.get("no-head") { _, _ in "ok" }
            router.on("slow", method: .head) { _, _ in
                try await Task.sleep(for: .seconds(15))
                return HTTPResponse.Status.ok
            }
            return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        }
    }

    actor RequestLog {
        private(set) var entries: [String] = []
        func add(_ entry: String) { entries.append(entry) }
    }

    @Test("a 404 is an error at every link, a refused HEAD falls back to GET, a timeout is a warning")
    func outcomes() async throws {
        let server = Server()
        try await server.application().test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            func link(_ path: String, _ line: Int) -> ExternalLinks.Link {
                ExternalLinks.Link(
                    url: base + path, location: SourceLocation(file: "vigonza/a.md", line: line, column: 3))
            }
            let links = [
                link("/ok", 1), link("/gone", 2), link("/no-head", 3), link("/slow", 4), link("/ok", 5),
                link("/gone", 6),
            ]
            let diagnostics = await ExternalLinks.check(links, options: .init(concurrency: 2, timeout: 5))
            // 5 s: time enough for a local server on a loaded 2-core test run, far from /slow's 15 s.
            #expect(
                diagnostics.sorted.map(\.description) == [
                    "vigonza/a.md:2:3: error: link to '\(base)/gone' answers 404 Not Found: the page is gone; fix or remove the link",
                    "vigonza/a.md:4:3: warning: link to '\(base)/slow' could not be confirmed: no answer within 5 s; open it to check",
                    "vigonza/a.md:6:3: error: link to '\(base)/gone' answers 404 Not Found: the page is gone; fix or remove the link",
                ])
            #expect(await server.requests.entries == ["HEAD /ok"])
        }
    }
}

@Suite("A build tells its progress on standard error")
struct ProgressTests {
    @Test(
        "without a terminal, one line per phase with counts and time, and no bar; each portal is loaded and rendered before the next is loaded"
    )
    func lines() throws {
        let site = try TemporaryFolder()
        let written = RequestLines()
        let display = ProgressDisplay(isTerminal: false) { written.append($0) }
        var options = SiteBuilder.Options(
            content: Repository.content, theme: Repository.theme, output: site.url, now: bandiOpen)
        options.progress = display.show
        let report = try SiteBuilder(options: options, logger: .init(label: "piazza-tests")).build()
        let lines = written.text.replacing(#/\d+\.\d\d s/#, with: "T s")
        let pages = try ContentTree.load(from: Repository.content).portals.map(\.pages.count)
        let files = report.portals.map(\.files)
        #expect(
            lines == """
                load conegliano: \(pages[0]) pages in T s
                render conegliano: \(pages[0]) pages, \(files[0]) files in T s
                load vigonza: \(pages[1]) pages in T s
                render vigonza: \(pages[1]) pages, \(files[1]) files in T s
                publish: 2 portal(s) swapped in in T s

                """)
        // A build without a memory keeps no portal once rendered.
        #expect(report.content == nil)
    }

    @Test("on a terminal, a bar of portals redrawn in place, cleared at the end")
    func bar() {
        let written = RequestLines()
        let display = ProgressDisplay(isTerminal: true) { written.append($0) }
        display.show(.writing(portal: "vigonza", index: 1, of: 4, files: 120))
        display.show(.rendered(portal: "vigonza", pages: 10, files: 120, seconds: 1))
        display.finish()
        #expect(written.text == "\r\u{1B}[K[#####---------------] 1/4 portals vigonza: 120 files\r\u{1B}[K")
    }

    @Test("one file is said in the singular, on the bar and in the phase line")
    func oneFile() {
        let written = RequestLines()
        ProgressDisplay(isTerminal: true) { written.append($0) }.show(
            .writing(portal: "vigonza", index: 0, of: 2, files: 1))
        #expect(written.text == "\r\u{1B}[K[--------------------] 0/2 portals vigonza: 1 file")
        #expect(
            BuildEvent.rendered(portal: "vigonza", pages: 1, files: 1, seconds: 0).line
                == "render vigonza: 1 page, 1 file in 0.00 s")
    }

    /// Text written from several threads.
    final class RequestLines: Sendable {
        private let buffer = Mutex("")
        func append(_ text: String) { buffer.withLock { $0 += text } }
        var text: String { buffer.withLock { $0 } }
    }
}
