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
}
