import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// Booking a slot through the daemon in process: the answers of docs/DAEMON.md's bookings section.
@Suite("Booking a slot")
struct BookingPostTests {
    static let slot = "2026-06-02T15:00-tutor-anna"

    static let valid: [(String, String)] = [
        ("posti", "1"), ("nome", "Maria Bianchi"), ("contatto", "049 1234567"), ("consenso", "si"),
    ]

    /// `valid` with some values replaced, or some names left out.
    static func fields(_ changes: [(String, String)] = [], removing: Set<String> = []) -> [(String, String)] {
        let names = Set(changes.map(\.0))
        return valid.filter { !names.contains($0.0) && !removing.contains($0.0) } + changes
    }

    static func book(
        _ client: some TestClientProtocol, _ fields: [(String, String)] = valid, calendar: String = "lezioni",
        slot: String = slot
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/bookings/prova/\(calendar)/\(slot)", method: .post, headers: IntakeFixture.formHeaders,
            body: IntakeFixture.body(fields))
    }

    static func bookingCount(_ fixture: IntakeFixture) throws -> Int {
        try fixture.query { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM bookings WHERE state = 'confermata'")!
        }
    }

    @Test("a valid booking is stored, then 303 to a receipt with the slot in Rome's time, the resource and the seats")
    func validBooking() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await Self.book(client, Self.fields([("posti", "2"), ("contatto", "maria@example.it")]))
            #expect(response.status == .seeOther)
            let location = try #require(response.headers[.location])
            #expect(location.hasPrefix("/r/"))
            let row = try #require(try fixture.query { db in try Row.fetchOne(db, sql: "SELECT * FROM bookings") })
            #expect(row["slot_id"] as String == Self.slot)
            #expect(row["seats"] as Int == 2)
            #expect(row["contact"] as String == "maria@example.it")
            let receipt = try await client.execute(uri: location, method: .get)
            #expect(receipt.status == .ok)
            let page = String(buffer: receipt.body)
            #expect(page.contains("Prenotazione confermata"))
            #expect(page.contains("Lezioni di prova"))
            #expect(page.contains("martedì 2 giugno 2026, dalle 15:00 alle 16:30"))
            #expect(page.contains("Anna, tutor"))
            #expect(page.contains("Biblioteca civica"))
            #expect(page.contains("<dd>2</dd>"))
            #expect(page.contains(#"action="\#(location)/cancel""#))
            let reload = try await client.execute(uri: "/bookings/prova/lezioni/\(Self.slot)", method: .get)
            #expect(
                reload.headers[.location]
                    == "https://welfare.example.it/prenotazioni/lezioni/#turno-2026-06-02T15-00-tutor-anna")
        }
    }

    @Test("every outcome is counted for /metrics, by portal and calendar")
    func metrics() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let location = try #require(try await Self.book(client, Self.fields([("posti", "2")])).headers[.location])
            _ = try await Self.book(client, Self.fields([("posti", "2")]))
            _ = try await Self.book(client, Self.fields([("posti", "2"), ("nome", "Anna Verdi")]))
            _ = try await Self.book(client, Self.fields(removing: ["consenso"]))
            _ = try await Self.book(client, slot: "2026-06-01T12:30-tutor-anna")
            _ = try await client.execute(uri: location + "/cancel", method: .post)
            _ = try await client.execute(uri: location + "/cancel", method: .post)
            let metrics = fixture.app.metrics
            #expect(
                [.stored, .repeated, .full, .invalid, .closed, .cancelled].map { metrics.total($0) } == [
                    1, 1, 1, 1, 1, 1,
                ])
            #expect(
                metrics.text().contains(
                    #"piazza_booking_posts_total{portal="prova",calendar="lezioni",outcome="full"} 1"#))
        }
    }

    @Test("a double click books once: both posts go to the same receipt")
    func doubleClick() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let first = try await Self.book(client)
            let second = try await Self.book(client)
            #expect(second.status == .seeOther)
            #expect(second.headers[.location] == first.headers[.location])
            #expect(try Self.bookingCount(fixture) == 1)
        }
    }

    @Test("a slot without the seats asked for answers 409 with the nearest slots that have seats for the party, linked")
    func fullSlot() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let nearest = Self.fields([("posti", "2"), ("nome", "Paolo Blu")])
            #expect(try await Self.book(client, nearest, slot: "2026-06-02T10:00-tutor-anna").status == .seeOther)
            #expect(try await Self.book(client, Self.fields([("posti", "2")])).status == .seeOther)
            let tooMany = try await Self.book(client, Self.fields([("posti", "2"), ("nome", "Anna Verdi")]))
            #expect(tooMany.status == .conflict)
            #expect(String(buffer: tooMany.body).contains("ha solo 1 posto libero"))
            #expect(!String(buffer: tooMany.body).contains("turno-2026-06-02T10-00"))  // 1 seat: not for a party of 2
            #expect(try await Self.book(client, Self.fields([("nome", "Anna Verdi")])).status == .seeOther)
            let full = try await Self.book(client, Self.fields([("nome", "Luca Neri")]))
            #expect(full.status == .conflict)
            let page = String(buffer: full.body)
            #expect(page.contains("è al completo"))
            #expect(
                page.contains(
                    #"href="https://welfare.example.it/prenotazioni/lezioni/#turno-2026-06-02T10-00-tutor-anna""#))
            #expect(page.contains("giovedì 4 giugno 2026, dalle 15:00 alle 16:30: 3 posti liberi"))
            #expect(
                page.components(separatedBy: "prenotazioni/lezioni/#turno-").count - 1
                    == BookingsController.alternativesShown)
            #expect(!page.contains("turno-2026-06-01T12-30"))  // closed slots are not offered
            #expect(try Self.bookingCount(fixture) == 3)
        }
    }

    @Test(
        "unknown calendars and slots answer 404, a closed slot 410, a slot not yet open 404; nothing is stored",
        arguments: [
            ("nessuno", slot, 404), ("lezioni", "2026-06-03T15:00-tutor-anna", 404),
            ("lezioni", "2026-06-01T12:30-tutor-anna", 410), ("lezioni", "2026-08-04T15:00-tutor-anna", 404),
        ])
    func refusedSlots(calendar: String, slot: String, status: Int) async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await Self.book(client, calendar: calendar, slot: slot)
            #expect(response.status.code == status)
            #expect(String(buffer: response.body).contains("Prova Welfare"))  // in the portal's look
            #expect(try Self.bookingCount(fixture) == 0)
        }
    }

    @Test(
        "a form with a problem answers 422 naming the field and what to do; nothing is stored",
        arguments: [
            (fields(removing: ["nome"]), "Nome e cognome: questo campo è obbligatorio."),
            (fields([("nome", "\u{200B} \u{FEFF}")]), "Nome e cognome: questo campo è obbligatorio."),
            (fields([("nome", String(repeating: "a", count: 101))]), "Puoi scrivere al massimo 100 caratteri"),
            (fields([("contatto", "domani")]), "Telefono o email: scrivi un numero di telefono"),
            (fields([("posti", "3")]), "Posti da prenotare: scegli un numero da 1 a 2."),
            (fields(removing: ["consenso"]), "Informativa sulla privacy"),
            (fields([("nome", "Maria"), ("nome", "Anna")]), "inviato due volte"),
        ])
    func invalidForm(fields: [(String, String)], message: String) async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await Self.book(client, fields)
            #expect(response.status == .unprocessableContent)
            #expect(String(buffer: response.body).contains(IntakeFixture.escaped(message)))
            #expect(try Self.bookingCount(fixture) == 0)
        }
    }

    @Test(
        "a refused booking comes back as the slot's form with what was typed, each problem at its field and in a summary"
    )
    func refusedFormKeepsValues() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let typed = [
                ("posti", "2"), ("nome", "Maria <Bianchi>"), ("contatto", "domani"), ("numero_pratica", "2026-42"),
                ("codice_fiscale", "RSSMRA45D25F205X"), ("consenso", "si"),
            ]
            let response = try await Self.book(client, typed, calendar: "riservato")
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            let id = "turno-2026-06-02T15-00-tutor-anna"
            #expect(
                page.contains(
                    #"<form class="booking-form" method="post" action="/bookings/prova/riservato/\#(Self.slot)">"#))
            #expect(page.contains(#"<option value="2" selected>2</option>"#))
            #expect(
                page.contains(
                    #"name="nome" value="Maria &lt;Bianchi&gt;" autocomplete="name" maxlength="100" required>"#))
            #expect(page.contains(#"name="numero_pratica" value="2026-42" maxlength="40" required>"#))
            #expect(
                page.contains(
                    #"<input type="checkbox" id="\#(id)-consenso" name="consenso" value="si" required checked>"#))
            // Each problem at its input, described by its message, and linked from the summary in form order.
            #expect(
                page.contains(
                    #"<p class="error-message" id="\#(id)-contatto-error"><span class="visually-hidden">Errore: </span>Scrivi un numero di telefono"#
                ))
            #expect(
                page.contains(
                    #"name="contatto" value="domani" maxlength="100" required aria-invalid="true" aria-describedby="\#(id)-contatto-error">"#
                ))
            #expect(
                page.contains(
                    #"name="codice_fiscale" value="RSSMRA45D25F205X" maxlength="16" autocapitalize="characters" spellcheck="false" required aria-invalid="true" aria-describedby="\#(id)-cf-error">"#
                ))
            let summary = try #require(page.firstRange(of: #"<h2>Ci sono errori da correggere (2)</h2>"#))
            let contact = try #require(page.range(of: ##"<li><a href="#\##(id)-contatto">Telefono o email: scrivi"##))
            let code = try #require(page.range(of: ##"<li><a href="#\##(id)-cf">Codice fiscale: "##))
            #expect(summary.upperBound < contact.lowerBound && contact.upperBound < code.lowerBound)
            #expect(!page.contains(#"id="\#(id)-nome-error""#))
            #expect(try Self.bookingCount(fixture) == 0)
            // The consent left unticked: its error at the box, the box unticked.
            let unticked = String(buffer: try await Self.book(client, Self.fields(removing: ["consenso"])).body)
            #expect(
                unticked.contains(
                    #"<input type="checkbox" id="\#(id)-consenso" name="consenso" value="si" required aria-invalid="true" aria-describedby="\#(id)-consenso-error">"#
                ))
        }
    }

    @Test("with requires_form only the numero pratica and codice fiscale of an accepted application book")
    func requiresAcceptedApplication() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let applied = try await IntakeFixture.post(client, IntakeFixture.fields())
            let token = String(try #require(applied.headers[.location]).dropFirst(3))
            let holder = Self.fields([("numero_pratica", "2026-0000001"), ("codice_fiscale", "bnclra90a41h501f")])
            let submitted = try await Self.book(client, holder, calendar: "riservato")
            #expect(submitted.status == .unprocessableContent)  // inviata, not accolta
            #expect(String(buffer: submitted.body).contains("non troviamo una domanda accolta"))
            try await fixture.app.portals["prova"]!.database.writer.write { db in
                try db.execute(sql: "UPDATE applications SET state = 'accolta' WHERE token = ?", arguments: [token])
            }
            let other = Self.fields([("numero_pratica", "2026-0000001"), ("codice_fiscale", "RSSMRA45D25F205N")])
            #expect(try await Self.book(client, other, calendar: "riservato").status == .unprocessableContent)
            #expect(try await Self.book(client, Self.fields(), calendar: "riservato").status == .unprocessableContent)
            #expect(try await Self.book(client, holder, calendar: "riservato").status == .seeOther)
            #expect(try Self.bookingCount(fixture) == 1)
        }
    }

    @Test(
        "a numero pratica is read as the queue search reads it (CaseNumber): without its zeros, any dash or digits, spaced",
        arguments: ["2026-1", "2026-0000001", " 2026 – 1 ", "２０２６－１"])
    func shortNumberBooks(typed: String) async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let applied = try await IntakeFixture.post(client, IntakeFixture.fields())
            let token = String(try #require(applied.headers[.location]).dropFirst(3))
            try await fixture.app.portals["prova"]!.database.writer.write { db in
                try db.execute(sql: "UPDATE applications SET state = 'accolta' WHERE token = ?", arguments: [token])
            }
            let holder = Self.fields([("numero_pratica", typed), ("codice_fiscale", "BNCLRA90A41H501F")])
            let booked = try await Self.book(client, holder, calendar: "riservato")
            #expect(booked.status == .seeOther)
            let stored = try fixture.query { db in
                try String.fetchOne(db, sql: "SELECT application_number FROM bookings")
            }
            #expect(stored == "2026-0000001")
        }
    }

    @Test(
        "what is not a numero pratica is refused saying how to write one",
        arguments: ["2026", "26-1", "2026-12345678", "A026-1"])
    func malformedNumber(typed: String) async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let holder = Self.fields([("numero_pratica", typed), ("codice_fiscale", "BNCLRA90A41H501F")])
            let response = try await Self.book(client, holder, calendar: "riservato")
            #expect(response.status == .unprocessableContent)
            #expect(
                String(buffer: response.body).contains(
                    IntakeFixture.escaped(
                        "Numero pratica: «\(typed)» non è un numero pratica: scrivilo come sulla ricevuta della "
                            + "domanda (2026-0000042, o più breve 2026-42).")))
            #expect(try Self.bookingCount(fixture) == 0)
        }
    }

    @Test("cancelling before the deadline frees the seats; a GET on the cancel address changes nothing")
    func cancel() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let location = try #require(try await Self.book(client, Self.fields([("posti", "2")])).headers[.location])
            #expect(try await client.execute(uri: location + "/cancel", method: .get).status == .methodNotAllowed)
            #expect(try Self.bookingCount(fixture) == 1)
            let cancelled = try await client.execute(uri: location + "/cancel", method: .post)
            #expect(cancelled.status == .seeOther)
            #expect(cancelled.headers[.location] == location)
            #expect(try Self.bookingCount(fixture) == 0)
            let page = String(buffer: try await client.execute(uri: location, method: .get).body)
            #expect(page.contains("Prenotazione annullata"))
            #expect(!page.contains("/cancel"))
            #expect(try await client.execute(uri: location + "/cancel", method: .post).status == .seeOther)
            #expect(try await Self.book(client, Self.fields([("posti", "2")])).status == .seeOther)
            #expect(try await Self.book(client, Self.fields([("nome", "Anna Verdi")])).status == .seeOther)
            #expect(try Self.bookingCount(fixture) == 2)  // 3 seats again
        }
    }

    @Test("cancelling after the deadline answers 410 and keeps the seats; an unknown token 404")
    func cancelTooLate() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let location = try #require(
                try await Self.book(client, slot: "2026-06-02T10:00-tutor-anna").headers[.location])
            #expect(!String(buffer: try await client.execute(uri: location, method: .get).body).contains("/cancel"))
            #expect(try await client.execute(uri: location + "/cancel", method: .post).status == .gone)
            #expect(try Self.bookingCount(fixture) == 1)
            let unknown = "/r/\(RandomToken.make())/cancel"
            #expect(try await client.execute(uri: unknown, method: .post).status == .notFound)
        }
    }
}

@Suite("Seats left of a calendar")
struct AvailabilityTests {
    @Test("availability.json gives the seats left of every slot not closed, briefly cacheable, readable by the site")
    func availability() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            #expect(
                try await BookingPostTests.book(client, BookingPostTests.fields([("posti", "2")])).status == .seeOther)
            let response = try await client.execute(uri: "/bookings/prova/lezioni/availability.json", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            #expect(response.headers[.cacheControl] == "public, max-age=15")
            #expect(response.headers[.accessControlAllowOrigin] == "https://welfare.example.it")
            let seats = try JSONDecoder().decode([String: Int].self, from: Data(buffer: response.body))
            #expect(seats[BookingPostTests.slot] == 1)
            #expect(seats["2026-06-04T15:00-tutor-anna"] == 3)
            #expect(seats["2026-08-04T15:00-tutor-anna"] == 3)  // not yet open: the page says when it opens
            #expect(seats["2026-06-01T12:30-tutor-anna"] == nil)  // closed
            #expect(seats.count == 11)  // 9 Tuesdays and Thursdays from 2 June, 2 June at 10:00, 4 August
            let unknown = try await client.execute(uri: "/bookings/prova/nessuno/availability.json", method: .get)
            #expect(unknown.status == .notFound)
        }
    }
}

@Suite("A booking as an iCalendar file")
struct BookingICSTests {
    @Test(
        "the receipt links the .ics file: one event at the slot's UTC instants, escaped, CRLF, lines of at most 75 octets"
    )
    func calendarFile() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let location = try #require(try await BookingPostTests.book(client).headers[.location])
            let receipt = String(buffer: try await client.execute(uri: location, method: .get).body)
            #expect(receipt.contains(#"href="\#(location)/prenotazione.ics""#))
            let response = try await client.execute(uri: location + "/prenotazione.ics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
            let file = String(buffer: response.body)
            let lines = file.components(separatedBy: "\r\n")
            #expect(lines.last == "")
            #expect(lines.allSatisfy { $0.utf8.count <= 75 && !$0.contains("\n") })
            let unfolded = file.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
            // 15:00 in Rome on 2 June 2026 is 13:00 UTC (summer time).
            #expect(unfolded.contains("DTSTART:20260602T130000Z"))
            #expect(unfolded.contains("DTEND:20260602T143000Z"))
            #expect(unfolded.contains("SUMMARY:Lezioni di prova"))
            #expect(unfolded.contains("DESCRIPTION:Anna\\, tutor\\nPosti: 1"))
            #expect(unfolded.contains("LOCATION:Biblioteca civica"))
            #expect(unfolded.contains("STATUS:CONFIRMED"))
            #expect(unfolded.first == "BEGIN:VCALENDAR")
        }
    }

    @Test("long text is folded at 75 octets without splitting a character")
    func folding() {
        let line = "SUMMARY:" + String(repeating: "è", count: 60)
        let folded = BookingICS.folded(line)
        #expect(folded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
    }
}
