import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PiazzaContent
import PiazzaRender
import Testing

@testable import PiazzaIntake

/// The iCalendar feed of a calendar's resource (issue 15): the upcoming slots with their booked
/// seats, RFC 5545 lines, no personal data. The fixture gets one more calendar, a hall open on the
/// Saturday before and the Monday after the end of summer time (25 October 2026); the clock is
/// Monday 1 June 2026, 12:00.
@Suite("Resource feeds")
struct ResourceFeedTests {
    static let hall = """
        title: Sala civica
        description: La sala per le associazioni.
        capacity: 20
        resources:
          - { id: sala, name: "Sala «Aldo Moro», piano terra; ingresso dal cortile, con accesso senza gradini", place: "Via Roma 1, Vigonza" }
        slots:
          - { resource: sala, weekdays: [sabato, lunedì], start: "10:00", end: "12:00", from: 2026-10-24, until: 2026-10-26 }

        """

    /// The intake fixture with the hall's calendar, and its app.
    static func app() throws -> (IntakeFixture, IntakeApp) {
        let fixture = try IntakeFixture()
        try hall.write(
            to: fixture.config.contentFolder.appendingPathComponent("prova/calendars/sala.yaml"), atomically: true,
            encoding: .utf8)
        let app = try IntakeApp(
            config: fixture.config, content: ContentTree.load(from: fixture.config.contentFolder),
            theme: Theme.load(from: fixture.config.themeFolder), logger: Logger(label: "test"),
            clock: { IntakeFixture.now })
        return (fixture, app)
    }

    /// A feed's physical lines, each checked to end in CRLF and to be at most 75 octets, unfolded
    /// into content lines (RFC 5545 §3.1).
    static func contentLines(_ body: String) -> [String] {
        #expect(body.hasSuffix("\r\n"))
        // The last CRLF ends the last line: the piece after it is empty.
        let physical = body.components(separatedBy: "\r\n").dropLast()
        for line in physical { #expect(line.utf8.count <= 75, "\(line)") }
        #expect(!body.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        return Array(body.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").dropLast())
    }

    /// The events of a feed, each as its properties by name (parameters dropped).
    static func events(_ lines: [String]) -> [[String: String]] {
        var events: [[String: String]] = []
        var current: [String: String]?
        for line in lines {
            if line == "BEGIN:VEVENT" {
                current = [:]
            } else if line == "END:VEVENT", let event = current {
                events.append(event)
                current = nil
            } else if current != nil, let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].split(separator: ";")[0]
                current?[String(name)] = String(line[line.index(after: colon)...])
            }
        }
        return events
    }

    /// `20261024T080000Z` as an instant.
    static func instant(_ text: String) throws -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return try #require(formatter.date(from: text))
    }

    @Test(
        "the hall's feed has its slots in UTC at 10:00 in Rome on both sides of the DST change, stable UIDs, seats booked and no family data"
    )
    func hallFeed() async throws {
        let (fixture, app) = try Self.app()
        _ = fixture
        let database = try #require(app.portals["prova"]).database
        try await app.buildApplication().test(.router) { client in
            let url = "/bookings/prova/sala/risorse/sala.ics"
            let before = try await client.execute(uri: url, method: .get)
            #expect(before.status == .ok)
            #expect(before.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(before.headers[.cacheControl] == "public, max-age=300")
            let draft = BookingDraft(
                calendarID: "sala", slotID: "2026-10-24T10:00-sala", seats: 3, name: "Maria Segreta",
                contact: "maria.segreta@example.it", applicationNumber: nil, fiscalCode: "BNCLRA90A41H501F",
                bookedAt: IntakeFixture.now)
            guard case .stored = try await database.storeBooking(draft, capacity: 20) else {
                throw AttendanceTests.BookingNotStored()
            }
            let response = try await client.execute(uri: url, method: .get)
            let body = String(buffer: response.body)
            let lines = Self.contentLines(body)
            #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR")
            #expect(lines.contains("VERSION:2.0"))
            #expect(
                lines.contains(
                    "X-WR-CALNAME:Sala civica – Sala «Aldo Moro»\\, piano terra\\; ingresso dal cortile\\, con accesso senza gradini"
                ))
            let events = Self.events(lines)
            #expect(events.count == 2)
            #expect(events.map { $0["DTSTART"] } == ["20261024T080000Z", "20261026T090000Z"])
            #expect(events.map { $0["DTEND"] } == ["20261024T100000Z", "20261026T110000Z"])
            var rome = Calendar(identifier: .gregorian)
            rome.timeZone = ContentDateTime.rome
            for event in events {
                let start = rome.dateComponents([.hour, .minute], from: try Self.instant(event["DTSTART"] ?? ""))
                #expect((start.hour, start.minute) == (10, 0))
                #expect(event["DTSTAMP"] == "20260601T100000Z")
                #expect(event["LOCATION"] == "Via Roma 1\\, Vigonza")
            }
            #expect(
                events.map { $0["UID"] } == [
                    "prova-sala-2026-10-24T10:00-sala@servizi.example.it",
                    "prova-sala-2026-10-26T10:00-sala@servizi.example.it",
                ])
            #expect(
                Self.events(Self.contentLines(String(buffer: before.body))).map { $0["UID"] }
                    == events.map { $0["UID"] })
            #expect(events[0]["SUMMARY"] == "Sala civica: 3 su 20 posti prenotati")
            #expect(events[1]["SUMMARY"] == "Sala civica: 0 su 20 posti prenotati")
            for secret in ["Maria", "Segreta", "maria.segreta", "BNCLRA90A41H501F"] { #expect(!body.contains(secret)) }
        }
    }

    @Test("a tutor's feed starts at the slots that have not ended; an unknown resource or calendar is a 404")
    func upcomingOnly() async throws {
        let (fixture, app) = try Self.app()
        _ = fixture
        try await app.buildApplication().test(.router) { client in
            let response = try await client.execute(uri: "/bookings/prova/gruppi/risorse/tutor-anna.ics", method: .get)
            let events = Self.events(Self.contentLines(String(buffer: response.body)))
            // May is over; 1 June 15:00 in Rome is the first slot left, and June ends the calendar.
            #expect(events.first?["DTSTART"] == "20260601T130000Z")
            #expect(events.count == 22)
            #expect(events.allSatisfy { $0["LOCATION"] == "Biblioteca civica" })
            for path in ["gruppi/risorse/nessuno.ics", "nessuno/risorse/tutor-anna.ics"] {
                #expect(try await client.execute(uri: "/bookings/prova/" + path, method: .get).status == .notFound)
            }
        }
    }

    @Test(
        "the attendance list links the feeds of the resources the user marks: a tutor's own, every one for an operator")
    func linked() async throws {
        let operators = try await OperatorFixture()
        try await operators.app.buildApplication().test(.router) { client in
            let tutor = String(
                buffer: try await OperatorFixture.get(
                    client, "/operator/prova/presenze", session: try await OperatorFixture.session(client, "tutor")
                ).body)
            #expect(tutor.contains(#"<a href="/bookings/prova/gruppi/risorse/tutor-anna.ics">"#))
            #expect(!tutor.contains("tutor-bruno.ics") && !tutor.contains("/lezioni/risorse/"))
            let anna = String(
                buffer: try await OperatorFixture.get(
                    client, "/operator/prova/presenze", session: try await OperatorFixture.session(client, "anna")
                ).body)
            for feed in [
                "gruppi/risorse/tutor-anna.ics", "gruppi/risorse/tutor-bruno.ics", "lezioni/risorse/tutor-anna.ics",
            ] {
                #expect(anna.contains("/bookings/prova/\(feed)"), "\(feed)")
            }
        }
    }
}
