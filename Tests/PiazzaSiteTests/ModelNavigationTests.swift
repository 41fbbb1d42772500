import Foundation
import Testing

@testable import PiazzaSite

/// The Designers Italia model's navigation as AgID's checker follows it (issue 18): the literal markup its
/// selectors read, on the demo's Vigonza portal.
@Suite("Designers Italia model: menu, first-level pages, booking link, legal notes")
struct ModelNavigationTests {
    @Test("the main menu has the model's four items in order, with their data-elements, then the measures")
    func menu() throws {
        let site = try builtVigonza()
        let home = try site.read("vigonza/index.html")
        let menu = try #require(home.captures(between: "data-element=\"main-navigation\">\n", and: "</ul>").first)
        #expect(
            menu == """
                <li><a href="amministrazione/" data-element="management">Amministrazione</a></li>
                <li><a href="novita/" data-element="news">Novità</a></li>
                <li><a href="servizi/" data-element="all-services">Servizi</a></li>
                <li><a href="vivere/" data-element="live">Vivere Vigonza</a></li>
                <li><a href="misure/">Misure di sostegno</a></li>

                """)
    }

    @Test(
        "each first-level page links its categories with the model's titles and data-elements",
        arguments: [
            (
                "amministrazione",
                "<a href=\"../open-data/\" data-element=\"management-category-link\">Documenti e dati</a>"
            ),
            ("novita", "<a href=\"../notizie/\" data-element=\"news-category-link\">Notizie</a>"),
            ("novita", "<a href=\"../misure/\" data-element=\"news-category-link\">Avvisi</a>"),
            ("vivere", "<a href=\"../esercenti/\" data-element=\"live-button-locations\">Luoghi</a>"),
            ("vivere", "<a href=\"../prenotazioni/\" data-element=\"live-button-events\">Eventi</a>"),
            ("prenotazioni", "<a href=\"../prenotazioni/resta-al-passo/\" data-element=\"event-link\">"),
        ])
    func firstLevel(page: String, link: String) throws {
        let site = try builtVigonza()
        #expect(try site.read("vigonza/\(page)/index.html").contains(link))
    }

    @Test("the services page links each category by its bare title, the count outside the link")
    func categories() throws {
        let site = try builtVigonza()
        #expect(
            try site.read("vigonza/servizi/index.html").contains(
                "<li><a href=\"../servizi/categoria/salute-benessere-e-assistenza/\" data-element=\"service-category-link\">Salute, benessere e assistenza</a> ("
            ))
    }

    @Test("every page links the bookings page as appointment-booking", arguments: ["index.html", "servizi/index.html"])
    func booking(page: String) throws {
        let site = try builtVigonza()
        let depth = String(repeating: "../", count: page.split(separator: "/").count - 1)
        #expect(
            try site.read("vigonza/" + page).contains(
                "<a href=\"\(depth)prenotazioni/\" data-element=\"appointment-booking\">Prenotazioni</a>"))
    }

    @Test("the legal notes open with the licence section word for word; other pages have none")
    func licence() throws {
        let site = try builtVigonza()
        let notes = try site.read("vigonza/note-legali/index.html")
        #expect(
            notes.contains(
                "<h2 id=\"licenza-contenuti\" data-element=\"legal-notes-section\">Licenza dei contenuti</h2>"))
        #expect(
            notes.contains(
                "<p data-element=\"legal-notes-body\">In applicazione del principio open by default ai sensi dell’articolo 52"
            ))
        #expect(notes.contains("senza apporre restrizioni aggiuntive.</p>"))
        #expect(!(try site.read("vigonza/faq/index.html")).contains("legal-notes-section"))
    }

    @Test("the footer's report link reads as the checker expects")
    func reportLabel() throws {
        let site = try builtVigonza()
        #expect(
            try site.read("vigonza/index.html").contains(
                "<a href=\"segnala-disservizio/\" data-element=\"report-inefficiency\">Segnala disservizio</a>"))
    }
}
