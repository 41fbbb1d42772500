import Foundation
import PiazzaContent
import PiazzaSite
import Testing

@Suite("piazza check names what it takes out of a portal's raw HTML")
struct RawHTMLCheckTests {
    @Test("a script address, an event handler and an iframe in raw HTML are errors at file:line:col")
    func rawHTMLErrors() throws {
        let content = try newsWith(
            """
            <p>Scrivi <a href=" JaVaScRiPt:alert(1)">qui</a>.</p>

            <iframe src="https://video.example.it/x"></iframe>
            Un <b onmouseover="alert(1)">grassetto</b>.

            """)
        try content.write(
            "vigonza/portal.yaml",
            try content.read("vigonza/portal.yaml").replacingOccurrences(
                of: "allow_raw_html: false", with: "allow_raw_html: true"))
        #expect(
            try audit(content) == [
                "vigonza/notizie/prova.md:6:14: error: raw HTML <a>: `href` ' JaVaScRiPt:alert(1)' uses the 'javascript:' scheme; links can be http, https, mailto or tel addresses, or paths to pages and files of the portal; it is removed",
                "vigonza/notizie/prova.md:8:1: error: raw HTML <iframe> embeds another page, and pages make no requests to other sites; it is removed with its content",
                "vigonza/notizie/prova.md:9:7: error: raw HTML <b>: `onmouseover` is an event handler, which runs script; pages carry no script of their own; it is removed",
            ])
    }

    @Test("an id of raw HTML is reached by #id on its page, and with user-content- before it from a page's address")
    func rawHTMLIDs() throws {
        let content = try newsWith(
            """
            Gli [orari](#orari) e gli [stessi](prova.md#orari), [questi](prova.md#user-content-orari).

            <p id="orari">Lun</p>

            """)
        try content.write(
            "vigonza/portal.yaml",
            try content.read("vigonza/portal.yaml").replacingOccurrences(
                of: "allow_raw_html: false", with: "allow_raw_html: true"))
        // The message's wording around the fix is piazza check's; the fix is the namespaced id.
        let problems = try audit(content)
        #expect(problems.count == 1)
        #expect(
            problems.first?.hasPrefix(
                "vigonza/notizie/prova.md:6:27: error: link to 'prova.md#orari' points to '#orari', which the page published at 'notizie/prova/' does not have; "
            ) == true)
        #expect(problems.first?.contains("'#user-content-orari'") == true)
    }
}
