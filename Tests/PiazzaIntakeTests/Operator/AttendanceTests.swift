import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// Attendance in the back office and the tutor role (PRODUCT.md §8): a tutor marks only the slots
/// of the resources naming them (`account:` in the calendar), operators and admins every slot.
/// The fixture's `gruppi` calendar binds `tutor-anna` to the user `tutor` and `tutor-bruno` to
/// another account; the clock is Monday 1 June 2026, 12:00.
@Suite("Attendance and the tutor role")
struct AttendanceTests {
    typealias Browser = OperatorFixture

    static let annaSlot = "2026-05-27T15:00-tutor-anna"
    static let brunoSlot = "2026-05-27T17:00-tutor-bruno"
    static let laterSlot = "2026-06-03T15:00-tutor-anna"

    /// Stores a confirmed booking of `gruppi` directly; its id.
    @discardableResult
    static func book(
        _ operators: Browser, slot: String, name: String, seats: Int = 1, fiscalCode: String? = nil
    ) async throws -> Int64 {
        let database = try #require(operators.app.portals["prova"]).database
        let draft = BookingDraft(
            calendarID: "gruppi", slotID: slot, seats: seats, name: name, contact: "049 1234567",
            applicationNumber: nil, fiscalCode: fiscalCode, bookedAt: IntakeFixture.now.addingTimeInterval(-30 * 86_400)
        )
        guard case .stored(let token) = try await database.storeBooking(draft, capacity: 2) else {
            throw BookingNotStored()
        }
        return try #require(try await database.booking(token: token)?.id)
    }

    struct BookingNotStored: Error {}

    static func attendance(_ operators: Browser, _ id: Int64) throws -> (String?, String?) {
        try operators.fixture.query { db in
            let row = try #require(
                try Row.fetchOne(
                    db, sql: "SELECT attendance, attendance_by FROM bookings WHERE id = ?", arguments: [id]))
            return (row["attendance"] as String?, row["attendance_by"] as String?)
        }
    }

    static func slotURL(_ slot: String) -> String { "/operator/prova/presenze/gruppi/\(slot)" }

    @Test("a tutor lists and marks only their own resource's slots; round trip of a mark with the session's token")
    func tutorMarksOwnSlots() async throws {
        let operators = try await Browser()
        let maria = try await Self.book(operators, slot: Self.annaSlot, name: "Maria Bianchi")
        let luca = try await Self.book(operators, slot: Self.annaSlot, name: "Luca Neri")
        let bruno = try await Self.book(operators, slot: Self.brunoSlot, name: "Sara Gialli")
        try await operators.app.buildApplication().test(.router) { client in
            let session = try await Browser.session(client, "tutor")
            let home = String(buffer: try await Browser.get(client, "/operator/", session: session).body)
            #expect(home.contains(#"<a href="/operator/prova/presenze">Prova Welfare</a>"#))
            let list = try await Browser.get(client, "/operator/prova/presenze", session: session)
            #expect(list.status == .ok)
            let listed = String(buffer: list.body)
            #expect(listed.contains(#"href="/operator/prova/presenze/gruppi/\#(Self.annaSlot)""#))
            #expect(!listed.contains("tutor-bruno"))
            #expect(!listed.contains("rendicontazione"))
            let page = try await Browser.get(client, Self.slotURL(Self.annaSlot), session: session)
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains(#"name="presenza-\#(maria)" value="presente""#))
            let token = try #require(Browser.token(page))
            let cookies = [OperatorCookies.session: session]
            #expect(try await Browser.get(client, Self.slotURL(Self.brunoSlot), session: session).status == .notFound)
            let other = try await Browser.post(
                client, Self.slotURL(Self.brunoSlot), [("_csrf", token), ("presenza-\(bruno)", "assente")],
                cookies: cookies)
            #expect(other.status == .notFound)
            let marks = [("presenza-\(maria)", "presente"), ("presenza-\(luca)", "giustificato")]
            #expect(
                try await Browser.post(client, Self.slotURL(Self.annaSlot), marks, cookies: cookies).status
                    == .forbidden)
            #expect(try Self.attendance(operators, maria) == (nil, nil))
            // Another slot's booking id posted here is not touched.
            let saved = try await Browser.post(
                client, Self.slotURL(Self.annaSlot), [("_csrf", token)] + marks + [("presenza-\(bruno)", "assente")],
                cookies: cookies)
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == Self.slotURL(Self.annaSlot) + "?salvate=2")
            #expect(try Self.attendance(operators, maria) == ("presente", "tutor"))
            #expect(try Self.attendance(operators, luca) == ("giustificato", "tutor"))
            #expect(try Self.attendance(operators, bruno) == (nil, nil))
            // In the portal's audit log, in the same transaction: the slot and the counts, never a name.
            let database = try #require(operators.app.portals["prova"]).database
            let logged = try #require(try await database.auditPage(before: nil, limit: 1).first)
            #expect(logged.actor == "tutor" && logged.action == AuditAction.markAttendance.rawValue)
            #expect(logged.detail == "gruppi \(Self.annaSlot): presente 1, giustificato 1")
            guard case .intact = try await database.verifyAudit() else {
                Issue.record("the audit chain is broken")
                return
            }
            let again = String(buffer: try await Browser.get(client, saved.headers[.location]!, session: session).body)
            #expect(again.contains("Presenze salvate."))
            #expect(again.contains(#"value="presente" checked"#))
            #expect(again.contains("segnata da tutor il 01/06/2026 alle 12:00"))
        }
    }

    @Test("marks are refused before the slot starts or with another value; 422, nothing written")
    func refusedMarks() async throws {
        let operators = try await Browser()
        let later = try await Self.book(operators, slot: Self.laterSlot, name: "Maria Bianchi")
        let now = try await Self.book(operators, slot: Self.annaSlot, name: "Luca Neri")
        try await operators.app.buildApplication().test(.router) { client in
            let session = try await Browser.session(client, "anna")
            let token = try #require(
                Browser.token(try await Browser.get(client, Self.slotURL(Self.annaSlot), session: session)))
            let cookies = [OperatorCookies.session: session]
            let early = try await Browser.post(
                client, Self.slotURL(Self.laterSlot), [("_csrf", token), ("presenza-\(later)", "presente")],
                cookies: cookies)
            #expect(early.status == .unprocessableContent)
            #expect(String(buffer: early.body).contains("non è ancora iniziato"))
            let wrong = try await Browser.post(
                client, Self.slotURL(Self.annaSlot), [("_csrf", token), ("presenza-\(now)", "forse")], cookies: cookies)
            #expect(wrong.status == .unprocessableContent)
            #expect(try Self.attendance(operators, later) == (nil, nil))
            #expect(try Self.attendance(operators, now) == (nil, nil))
            let logged = try await #require(operators.app.portals["prova"]).database.auditPage(before: nil, limit: 10)
            #expect(!logged.contains { $0.action == AuditAction.markAttendance.rawValue })
        }
    }

    @Test("operators and admins see every resource's slots; an operator of another portal gets 404")
    func operatorsSeeAll() async throws {
        let operators = try await Browser()
        try await Self.book(operators, slot: Self.annaSlot, name: "Maria Bianchi")
        try await Self.book(operators, slot: Self.brunoSlot, name: "Sara Gialli")
        try await operators.app.buildApplication().test(.router) { client in
            for user in ["anna", "capo"] {
                let session = try await Browser.session(client, user)
                let list = String(
                    buffer: try await Browser.get(client, "/operator/prova/presenze", session: session).body)
                #expect(list.contains(Self.annaSlot) && list.contains(Self.brunoSlot), "\(user)")
                #expect(list.contains("/operator/prova/rendicontazione"), "\(user)")
                #expect(try await Browser.get(client, Self.slotURL(Self.brunoSlot), session: session).status == .ok)
            }
            let bruno = try await Browser.session(client, "bruno")
            #expect(try await Browser.get(client, "/operator/prova/presenze", session: bruno).status == .notFound)
            #expect(try await Browser.get(client, Self.slotURL(Self.annaSlot), session: bruno).status == .notFound)
        }
    }

    @Test("a tutor gets 404 on every case, queue, export and report route of their own portal")
    func tutorReachesNoCase() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let tutor = try await Browser.session(client, "tutor")
            let colleague = try await Browser.session(client, "anna")
            // Each route, and whether it is one an operator of the portal opens (the rest only needs to be refused).
            let routes: [(route: String, operatorOpens: Bool)] = [
                ("/operator/prova", true), ("/operator/prova/?modulo=domanda", true),
                ("/operator/prova/pratiche/\(number)", true), ("/operator/prova/rendicontazione", true),
                ("/operator/prova/rendicontazione?calendario=gruppi&dal=2026-05-01&al=2026-05-31", true),
                ("/operator/prova/pagamenti", false), ("/operator/prova/pagamenti.csv", false),
                ("/operator/prova/esportazioni", false), ("/operator/prova/esportazioni/domande", false),
                ("/operator/prova/esportazioni/esiti", false), ("/operator/prova/registro", false),
                ("/operator/prova/interessato", false), ("/operator/prova/valutazioni", true),
                ("/operator/prova/valutazioni.csv", false),
            ]
            for (route, operatorOpens) in routes {
                #expect(try await Browser.get(client, route, session: tutor).status == .notFound, "\(route)")
                if operatorOpens {
                    #expect(try await Browser.get(client, route, session: colleague).status == .ok, "\(route)")
                }
            }
            let token = try #require(Browser.token(try await Browser.get(client, "/operator/", session: tutor)))
            let step = try await Browser.post(
                client, "/operator/prova/pratiche/\(number)/stato", [("_csrf", token), ("stato", "presa_in_carico")],
                cookies: [OperatorCookies.session: tutor])
            #expect(step.status == .notFound)
        }
    }
}
