import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import ItalianIdentifiers
import Testing

@testable import PiazzaIntake

/// Bookings of a calendar with `requires_form` go by the accepted application (the enrolment), not by the
/// parent's codice fiscale (findings-s12 #3), and take at most the seats of the children it enrols (#8).
/// The fixture's `riservato` calendar: 3 seats, 1 or 2 per booking, for holders of a `domanda` accepted.
@Suite("Booking with an accepted application: one booking per enrolment, seats within its children")
struct EnrolmentBookingTests {
    static let parent = "BNCLRA90A41H501F"
    static let piero = ("Piero Bianchi", "RSSMRA45D25F205N")
    static let sara = (
        "Sara Bianchi", "VRDSRA16D41L736" + String(CodiceFiscale.checkCharacter(for: "VRDSRA16D41L736")!)
    )

    /// Submits `domanda` for the fixture's applicant with the household `children` (name, codice fiscale)
    /// and accepts it; its numero pratica.
    static func enrol(_ client: some TestClientProtocol, _ fixture: IntakeFixture, children: [(String, String)])
        async throws -> String
    {
        var fields = IntakeFixture.fields(removing: ["componenti.0.nome", "componenti.0.codice_fiscale"])
        for (index, child) in children.enumerated() {
            fields += [("componenti.\(index).nome", child.0), ("componenti.\(index).codice_fiscale", child.1)]
        }
        let applied = try await IntakeFixture.post(client, fields)
        let token = String(try #require(applied.headers[.location]).dropFirst(3))
        return try await fixture.app.portals["prova"]!.database.writer.write { db in
            try db.execute(sql: "UPDATE applications SET state = 'accolta' WHERE token = ?", arguments: [token])
            return try String.fetchOne(db, sql: "SELECT number FROM applications WHERE token = ?", arguments: [token])!
        }
    }

    static func book(_ client: some TestClientProtocol, number: String, seats: Int = 1, name: String = "Maria Bianchi")
        async throws -> TestResponse
    {
        try await BookingPostTests.book(
            client,
            BookingPostTests.fields([
                ("numero_pratica", number), ("codice_fiscale", parent), ("posti", String(seats)), ("nome", name),
            ]), calendar: "riservato")
    }

    static func bookings(_ fixture: IntakeFixture) throws -> [String] {
        try fixture.query { db in
            try Row.fetchAll(
                db, sql: "SELECT application_number, seats FROM bookings WHERE state = 'confermata' ORDER BY id"
            ).map { "\($0[0] as String):\($0[1] as Int)" }
        }
    }

    @Test(
        "a parent with an accepted application per child books the same slot for each; the same application twice goes to its receipt"
    )
    func onePerEnrolment() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let piero = try await Self.enrol(client, fixture, children: [Self.piero])
            let sara = try await Self.enrol(client, fixture, children: [Self.sara])
            let first = try await Self.book(client, number: piero)
            #expect(first.status == .seeOther)
            let second = try await Self.book(client, number: sara)
            #expect(second.status == .seeOther)
            #expect(second.headers[.location] != first.headers[.location])
            // Piero's again, typed by someone else of the family: his booking's receipt, nothing stored.
            let again = try await Self.book(client, number: piero, name: "Luca Bianchi")
            #expect(again.status == .seeOther)
            #expect(again.headers[.location] == first.headers[.location])
            #expect(try Self.bookings(fixture) == ["\(piero):1", "\(sara):1"])
        }
    }

    @Test("an application enrolling one child books one seat: two are refused at the field, nothing stored")
    func seatsWithinChildren() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let one = try await Self.enrol(client, fixture, children: [Self.piero])
            let refused = try await Self.book(client, number: one, seats: 2)
            #expect(refused.status == .unprocessableContent)
            #expect(
                String(buffer: refused.body).contains(
                    IntakeFixture.escaped(
                        "la pratica \(one) iscrive 1 persona: puoi prenotare al massimo 1 posto. Per un altro figlio "
                            + "prenota con il numero pratica della sua iscrizione.")))
            #expect(try Self.bookings(fixture) == [])
            #expect(try await Self.book(client, number: one, seats: 1).status == .seeOther)
            #expect(try Self.bookings(fixture) == ["\(one):1"])
        }
    }

    @Test("an application enrolling two children books two seats")
    func twoChildren() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let two = try await Self.enrol(
                client, fixture, children: [Self.piero, Self.sara])
            #expect(try await Self.book(client, number: two, seats: 2).status == .seeOther)
            #expect(try Self.bookings(fixture) == ["\(two):2"])
        }
    }

    @Test("the children served are counted per enrolment: one parent's two applications, in different slots, are 2")
    func childrenServed() async throws {
        let operators = try await OperatorFixture()
        let database = try #require(operators.app.portals["prova"]).database
        for (slot, number) in [
            ("2026-05-25T15:00-tutor-anna", "2026-0000001"), ("2026-05-26T15:00-tutor-anna", "2026-0000002"),
        ] {
            let draft = BookingDraft(
                calendarID: "gruppi", slotID: slot, seats: 1, name: "Famiglia Bianchi", contact: "049 1234567",
                applicationNumber: number, fiscalCode: Self.parent,
                bookedAt: IntakeFixture.now.addingTimeInterval(-864_000))
            guard case .stored(let token) = try await database.storeBooking(draft, capacity: 2),
                let id = try await database.booking(token: token)?.id
            else { throw AttendanceTests.BookingNotStored() }
            _ = try await database.markAttendance(
                calendar: "gruppi", slot: slot, marks: [id: .present], by: "anna", at: IntakeFixture.now)
        }
        let calendar = try #require(operators.app.portals["prova"]?.portal.calendar(id: "gruppi"))
        let report = try await Rendicontazione.read(
            calendar, from: try #require(.init(iso: "2026-05-25")), until: try #require(.init(iso: "2026-05-31")),
            now: IntakeFixture.now, database: database)
        #expect(report.total.families == 1)
        #expect(report.total.children == 2)
        #expect(report.families.map(\.children) == [2])
    }
}
