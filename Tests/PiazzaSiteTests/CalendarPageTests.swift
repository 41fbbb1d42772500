import Foundation
import PiazzaContent
import Testing

@Suite("A booking calendar is published as a page of slots with a plain form each")
struct CalendarPageTests {
    /// Tuesdays and Thursdays at 17:00 from 20 October; Thursday 5 November closed; one extra Saturday slot.
    static let calendar = """
        title: Visite guidate
        description: Visite all'abbazia con la guida.
        capacity: 12
        party_size: { min: 1, max: 4 }
        booking_window: { opens_days_before: 7, closes_hours_before: 2 }
        resources:
          - { id: guida, name: "Paola, guida", place: Abbazia (esempio) }
        slots:
          - { resource: guida, weekdays: [martedì, giovedì], start: "17:00", end: "18:00", from: 2026-10-20, until: 2026-11-12 }
        closures:
          - { date: 2026-11-05, reason: Chiuso }
        extra_slots:
          - { resource: guida, date: 2026-11-07, start: "10:00", end: "11:00" }

        """

    /// Builds vigonza from a copy of the demo content with `calendar` as `calendars/visite.yaml`, at
    /// Tuesday 27 October 2026 16:00 (the 17:00 slot of that day closed at 15:00).
    static func built(_ calendar: String = calendar) throws -> (TemporaryFolder, String) {
        let content = try copyOfDemoContent()
        try content.write("vigonza/calendars/visite.yaml", calendar)
        let site = try TemporaryFolder()
        try buildSite(content: content.url, into: site.url, portals: ["vigonza"], now: rome("2026-10-27 16:00"))
        return (site, try site.read("vigonza/prenotazioni/visite/index.html"))
    }

    @Test("slots not started and not closed are listed by week, Monday to Sunday, each with its seats")
    func weeks() throws {
        let (_, html) = try Self.built()
        #expect(
            html.captures(between: "<h2 id=\"settimana-", and: "</h2>") == [
                "2026-10-26\">Settimana dal 26 ottobre al 1 novembre 2026",
                "2026-11-02\">Settimana dal 2 novembre al 8 novembre 2026",
                "2026-11-09\">Settimana dal 9 novembre al 15 novembre 2026",
            ])
        #expect(
            html.captures(between: "data-slot=\"", and: "\"") == [
                "2026-10-29T17:00-guida", "2026-11-03T17:00-guida", "2026-11-07T10:00-guida",
                "2026-11-10T17:00-guida", "2026-11-12T17:00-guida",
            ])
        #expect(html.ranges(of: "<p class=\"seats\">Posti: <span data-seats>12</span></p>").count == 5)
        #expect(
            html.contains(
                "<time datetime=\"2026-10-29T17:00:00+01:00\">giovedì 29 ottobre 2026, dalle 17:00 alle 18:00</time>"))
    }

    @Test("a slot open for booking has a form posting to the daemon; one not yet open says when it opens")
    func forms() throws {
        let (_, html) = try Self.built()
        // Open from 00:00 seven days before the slot's day: 29 October and 3 November, not 7 November on.
        #expect(
            html.captures(between: "<form class=\"booking-form\" method=\"post\" action=\"", and: "\"") == [
                "https://servizi.welfare.example.it/bookings/vigonza/visite/2026-10-29T17:00-guida",
                "https://servizi.welfare.example.it/bookings/vigonza/visite/2026-11-03T17:00-guida",
            ])
        #expect(
            html.captures(between: "<p class=\"notice\">", and: "</p>") == [
                "Le prenotazioni per questo turno aprono il 31 ottobre 2026.",
                "Le prenotazioni per questo turno aprono il 3 novembre 2026.",
                "Le prenotazioni per questo turno aprono il 5 novembre 2026.",
            ])
        let form = try #require(html.captures(between: "<form class=\"booking-form\"", and: "</form>").first)
        #expect(form.captures(between: "name=\"", and: "\"") == ["posti", "nome", "contatto", "consenso"])
        #expect(form.captures(between: "<option value=\"", and: "\"") == ["1", "2", "3", "4"])
        #expect(form.contains("<label for=\"turno-2026-10-29T17-00-guida-nome\">"))
    }

    @Test(
        "a calendar booked one seat at a time sends the party size as a hidden field, and one needing a form asks for it"
    )
    func fixedPartyAndEligibility() throws {
        let (_, html) = try Self.built(
            Self.calendar.replacingOccurrences(of: "party_size: { min: 1, max: 4 }", with: "requires_form: misura-1"))
        let form = try #require(html.captures(between: "<form class=\"booking-form\"", and: "</form>").first)
        #expect(form.contains("<input type=\"hidden\" name=\"posti\" value=\"1\">"))
        #expect(
            form.captures(between: "name=\"", and: "\"") == [
                "posti", "nome", "contatto", "numero_pratica", "codice_fiscale", "consenso",
            ])
        #expect(
            html.contains(
                "Possono prenotare solo le famiglie con una domanda accolta per <a href=\"../../moduli/misura-1/\">"))
    }

    @Test("the JSON-LD lists each slot as an Event with its capacity and Rome's offset")
    func jsonLD() throws {
        let (_, html) = try Self.built()
        let json = try #require(
            html.captures(between: "<script type=\"application/ld+json\" data-element=\"metatag\">", and: "</script>")
                .first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let events = try #require(object["@graph"] as? [[String: Any]])
        #expect(events.count == 5)
        #expect(events.allSatisfy { $0["@type"] as? String == "Event" })
        #expect(events.map { $0["maximumAttendeeCapacity"] as? Int } == Array(repeating: 12, count: 5))
        #expect(events.first?["startDate"] as? String == "2026-10-29T17:00:00+01:00")
        #expect(events.first?["endDate"] as? String == "2026-10-29T18:00:00+01:00")
        #expect((events.first?["location"] as? [String: Any])?["name"] as? String == "Abbazia (esempio)")
    }

    @Test("the calendar page is in the sitemap, and the service page's booking access links to it")
    func links() throws {
        let (site, _) = try Self.built()
        #expect(
            try site.read("vigonza/sitemap.xml").contains("https://welfare.comune.vigonza.pd.it/prenotazioni/visite/"))
        let service = try site.read("vigonza/servizi/resta-al-passo/index.html")
        #expect(
            service.contains(
                "<a class=\"button\" data-element=\"service-booking-access\" href=\"../../prenotazioni/resta-al-passo/\">Prenota</a>"
            ))
    }
}
