import Foundation
import Logging
import PiazzaSite
import Testing

/// Finding 19 of session 13: a service whose `access: form:` is a form with its bando over offered
/// «Compila la domanda online», leading the citizen to a closed form.
@Suite("A service page offers its form only while the form's bando is open")
struct ServiceFormStateTests {
    /// `_shared/servizi/sportello-affitti.md` has `access: form: misura-3`, open 1 October 2026 09:00 to
    /// 31 January 2027 12:00.
    static let page = "vigonza/servizi/sportello-affitti/index.html"
    static let button =
        "<p><a class=\"button\" data-element=\"service-online-access\" href=\"../../moduli/misura-3/\">Compila la domanda online</a></p>"

    @Test(
        "before, during and after the bando",
        arguments: [
            (
                "2026-09-15 10:00",
                "<p>Il bando apre il 1 ottobre 2026, ore 09:00: da quel momento potrai <a href=\"../../moduli/misura-3/\">compilare la domanda online</a>.</p>"
            ),
            ("2026-11-25 10:00", button),
            (
                "2027-02-15 10:00",
                "<p>Il bando è chiuso dal 31 gennaio 2027, ore 12:00: non è più possibile presentare la domanda online.</p>"
            ),
        ])
    func state(at time: String, shows expected: String) throws {
        let site = try builtVigonza(now: rome(time))
        let html = try site.read(Self.page)
        #expect(html.contains(expected), "\(html.captures(between: "service-online-access", and: "</p>"))")
        #expect(html.contains("Compila la domanda online") == (expected == Self.button))
    }

    @Test("an incremental build after the bando closed, with nothing edited, renders the service page again")
    func closedByTheClock() throws {
        let site = try TemporaryFolder()
        var logger = Logger(label: "piazza-tests")
        logger.logLevel = .error
        var options = SiteBuilder.Options(
            content: Repository.content, theme: Repository.theme, output: site.url, portals: ["vigonza"],
            now: bandiOpen)
        options.incremental = true
        _ = try SiteBuilder(options: options, logger: logger).build()
        #expect(try site.read(Self.page).contains(Self.button))
        options.now = rome("2027-02-15 10:00")
        let report = try SiteBuilder(options: options, logger: logger).build()
        #expect(report.portals.first?.rendered.contains("servizi/sportello-affitti/index.html") == true)
        #expect(try site.read(Self.page).contains("Il bando è chiuso dal 31 gennaio 2027, ore 12:00"))
    }
}
