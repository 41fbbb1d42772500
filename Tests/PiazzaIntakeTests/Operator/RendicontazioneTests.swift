import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// The rendicontazione of the fixture's `gruppi` calendar (2 seats, 90-minute slots, 25,00 € an
/// hour) for the week of 25 May 2026, with the clock on Monday 1 June 2026, 12:00.
@Suite("Rendicontazione of a calendar")
struct RendicontazioneTests {
    typealias Browser = OperatorFixture

    /// Bookings of the week and their attendance: Anna's slots on 25 (held), 26 (held) and 27 May
    /// (only a justified absence: not held); Bruno's on 25 (held), 26 (not marked) and 28 May (a
    /// cancelled booking); one booking on 1 June, outside the period.
    static func storeWeek(_ operators: Browser) async throws {
        let database = try #require(operators.app.portals["prova"]).database
        let rows: [(slot: String, name: String, seats: Int, fiscalCode: String?, attendance: Attendance?)] = [
            ("2026-05-25T15:00-tutor-anna", "Famiglia Rossi", 1, "RSSMRA80A01H501U", .present),
            ("2026-05-25T15:00-tutor-anna", "Famiglia Bianchi", 1, nil, .absent),
            ("2026-05-26T15:00-tutor-anna", "Rossi Mario", 2, "RSSMRA80A01H501U", .present),
            ("2026-05-27T15:00-tutor-anna", "Famiglia Verdi", 1, nil, .justified),
            ("2026-05-25T17:00-tutor-bruno", "Famiglia Neri", 2, nil, .present),
            ("2026-05-26T17:00-tutor-bruno", "Famiglia Gialli", 1, nil, nil),
            ("2026-05-28T17:00-tutor-bruno", "Famiglia Blu", 1, nil, .present),
            ("2026-06-01T15:00-tutor-anna", "Famiglia Rossi", 1, "RSSMRA80A01H501U", .present),
        ]
        for row in rows {
            let draft = BookingDraft(
                calendarID: "gruppi", slotID: row.slot, seats: row.seats, name: row.name, contact: "049 1234567",
                applicationNumber: nil, fiscalCode: row.fiscalCode,
                bookedAt: IntakeFixture.now.addingTimeInterval(-864_000))
            guard case .stored(let token) = try await database.storeBooking(draft, capacity: 2),
                let id = try await database.booking(token: token)?.id
            else { throw AttendanceTests.BookingNotStored() }
            if let attendance = row.attendance {
                _ = try await database.markAttendance(
                    calendar: "gruppi", slot: row.slot, marks: [id: attendance], by: "anna", at: IntakeFixture.now)
            }
            if row.name == "Famiglia Blu" { _ = try await database.cancelBooking(token: token, capacity: 2, at: .now) }
        }
    }

    @Test("hours, seats, attendance rate, families, children and cost per tutor and in total, on the operator's page")
    func figures() async throws {
        let operators = try await Browser()
        try await Self.storeWeek(operators)
        try await operators.app.buildApplication().test(.router) { client in
            let session = try await Browser.session(client, "anna")
            let response = try await Browser.get(
                client, "/operator/prova/rendicontazione?calendario=gruppi&dal=2026-05-25&al=2026-05-31",
                session: session)
            #expect(response.status == .ok)
            let page = String(buffer: response.body)
            #expect(page.contains("<caption>Gruppi di studio, dal 25 maggio 2026 al 31 maggio 2026</caption>"))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Anna, tutor</th><td>2</td><td>3</td><td>5</td><td>3</td><td>1</td><td>1</td>"
                        + "<td>0</td><td>60,0 %</td><td>1</td><td>2</td><td>75,00 €</td></tr>"))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Bruno, tutor</th><td>1</td><td>1,5</td><td>3</td><td>2</td><td>0</td><td>0</td>"
                        + "<td>1</td><td>100,0 %</td><td>1</td><td>2</td><td>37,50 €</td></tr>"))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Totale</th><td>3</td><td>4,5</td><td>8</td><td>5</td><td>1</td><td>1</td>"
                        + "<td>1</td><td>71,4 %</td><td>2</td><td>4</td><td>112,50 €</td></tr>"))
            let backwards = try await Browser.get(
                client, "/operator/prova/rendicontazione?calendario=gruppi&dal=2026-05-31&al=2026-05-25",
                session: session)
            #expect(backwards.status == .unprocessableContent)
            let unknown = try await Browser.get(
                client, "/operator/prova/rendicontazione?calendario=nessuno", session: session)
            #expect(unknown.status == .notFound)
        }
    }

    @Test(
        "hours are written with at most two decimals", arguments: [(90, "1.5"), (60, "1"), (20, "0.33"), (45, "0.75")])
    func hours(minutes: Int, text: String) {
        var figures = Rendicontazione.Figures(label: "x")
        figures.minutes = minutes
        #expect(figures.hours == text)
    }
}
