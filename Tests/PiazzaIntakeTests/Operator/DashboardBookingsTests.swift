import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// The dashboard's bookings panel (PRODUCT.md §8): per calendar, this month's slots, seats booked
/// over capacity, and the attendance of the slots started so far.
@Suite("Bookings on the dashboard")
struct DashboardBookingsTests {
    typealias Browser = OperatorFixture

    @Test("per calendar: June's slots, slots held, seats booked, capacity, occupancy and attendance rate")
    func panel() async throws {
        let operators = try await Browser()
        let present = try await AttendanceTests.book(
            operators, slot: "2026-06-01T15:00-tutor-anna", name: "Maria Bianchi", seats: 2)
        let absent = try await AttendanceTests.book(operators, slot: "2026-06-01T17:00-tutor-bruno", name: "Luca Neri")
        try await AttendanceTests.book(operators, slot: "2026-06-03T15:00-tutor-anna", name: "Sara Gialli")
        // Outside June: not counted.
        try await AttendanceTests.book(operators, slot: "2026-05-29T15:00-tutor-anna", name: "Anna Blu")
        let database = try #require(operators.app.portals["prova"]).database
        for (slot, id, attendance) in [
            ("2026-06-01T15:00-tutor-anna", present, Attendance.present),
            ("2026-06-01T17:00-tutor-bruno", absent, .absent),
        ] {
            _ = try await database.markAttendance(
                calendar: "gruppi", slot: slot, marks: [id: attendance], by: "anna", at: IntakeFixture.now)
        }
        operators.advance(86_400)  // Tuesday 2 June, 12:00: the slots of 1 June have started.
        try await operators.app.buildApplication().test(.router) { client in
            let session = try await Browser.session(client, "anna")
            let page = String(buffer: try await Browser.get(client, "/operator/prova/cruscotto", session: session).body)
            #expect(page.contains("Prenotazioni e presenze"))
            #expect(
                page.contains(
                    "<caption>Turni di giugno 2026 per calendario: occupazione dei posti e presenze dei turni già iniziati</caption>"
                ))
            // 44 slots of 2 seats; 4 seats booked (4,5 %); 1 held; 2 present of 3 marked.
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Gruppi di studio</th><td>44</td><td>1</td><td>4</td><td>88</td><td>4,5 %</td>"
                        + "<td>66,7 %</td></tr>"))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Lezioni di prova</th><td>11</td><td>0</td><td>0</td><td>33</td><td>0,0 %</td>"
                        + "<td>–</td></tr>"))
            #expect(page.contains("Gruppi di studio: 4,5 %; Lezioni di prova: 0,0 %;"))
        }
    }
}
