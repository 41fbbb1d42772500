import Foundation
import GRDB
import PiazzaContent
import Testing

@testable import PiazzaIntake

@Suite("Retention: expired cases anonymised, files deleted after the commit, counts and amounts kept")
struct RetentionTests {
    /// 1 June 2031: `chiuso` (closed 1 March 2026, 5 years) has expired, `domanda` (closes 31
    /// December 2026) has not.
    static let later = ContentDateTime("2031-06-01 12:00")!.instant

    /// Stores an application of `form` with a household, an applicant code and a PDF upload.
    static func store(_ form: String, name: String, in database: PortalDatabase) async throws -> StoredReceipt {
        let pdf = Data("%PDF-1.4\n\(name)\n".utf8)
        let application = ValidatedApplication(
            formID: form,
            answers: [
                Answer(name: "nome", value: .text(name)),
                Answer(name: "codice_fiscale", value: .text("BNCLRA90A41H501F")),
            ])
        return try await database.storeApplication(
            ApplicationDraft(
                formID: form, submittedAt: IntakeFixture.now, channel: .online, application: application,
                checks: [CheckResult(code: "isee_threshold", status: .warning, message: "ISEE 16.000,00 € di \(name)")],
                household: ApplicationDraft.Household(
                    scope: "\(form)@2026", fiscalCodes: ["BNCLRA90A41H501F"], earlierLimit: 2,
                    result: { _ in CheckResult(code: "household_duplicate", status: .ok, message: "Nessuna.") }),
                fiscalCodes: ["BNCLRA90A41H501F"], benefitCents: 25_000, idempotencyKey: { "key of " + $0 },
                uploads: [
                    .init(
                        field: "documento",
                        file: UploadedFile(
                            filename: "isee.pdf", detectedType: "application/pdf", size: pdf.count, sha256: ""),
                        bytes: pdf)
                ]))
    }

    /// The columns retention touches or keeps, by numero pratica.
    static func row(_ number: String, in database: PortalDatabase) async throws -> Row? {
        try await database.writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT a.answers, a.checks, a.state, a.benefit_cents, a.submitted_at, a.anonymised_at,
                    (SELECT count(*) FROM files f WHERE f.application_id = a.id) AS files,
                    (SELECT count(*) FROM household_members h WHERE h.application_id = a.id) AS household,
                    (SELECT count(*) FROM application_fiscal_codes c WHERE c.application_id = a.id) AS codes,
                    (a.idempotency_key IS NOT NULL) AS keys
                    FROM applications a WHERE a.number = ?
                    """,
                arguments: [number])
        }
    }

    @Test("an expired case loses answers, files and codes; an unexpired one is untouched; a rerun does nothing")
    func anonymise() async throws {
        let fixture = try IntakeFixture()
        let runtime = try #require(fixture.app.portals["prova"])
        let database = runtime.database
        let expired = try await Self.store("chiuso", name: "Maria Bianchi", in: database)
        let kept = try await Self.store("domanda", name: "Luca Verdi", in: database)
        for number in [expired.number, kept.number] {
            _ = try await database.addMessage(
                number: number, text: "Manca l'ISEE di Maria", author: "anna", at: IntakeFixture.now)
            #expect(
                try await database.setBenefit(
                    number: number, cents: 30_000, reason: "Nucleo con Maria invalida", actor: "anna",
                    at: IntakeFixture.now, benefitForms: runtime.benefitForms) == .changed)
        }
        let before = try #require(try await Self.row(kept.number, in: database))
        #expect(try fixture.uploads().count == 2)

        let report = try await Retention.run(portal: runtime.portal, database: database, at: Self.later)
        #expect(report == Retention.Report(portal: "prova", anonymised: 1, filesRemoved: 1))
        let gone = try #require(try await Self.row(expired.number, in: database))
        #expect(gone["answers"] as String == #"{"answers":[],"formID":"chiuso"}"#)
        #expect(!(gone["checks"] as String).contains("Maria") && (gone["checks"] as String).contains("isee_threshold"))
        #expect(gone["files"] as Int == 0 && gone["household"] as Int == 0 && gone["codes"] as Int == 0)
        #expect(gone["keys"] as Int == 0)
        #expect(gone["anonymised_at"] as String == Timestamp.string(Self.later))
        // What statistics need stays: the case, its state, amount and date.
        #expect(gone["state"] as String == "inviata" && gone["benefit_cents"] as Int == 30_000)
        #expect(gone["submitted_at"] as String == Timestamp.string(IntakeFixture.now))
        #expect(try fixture.applicationCount() == 2)
        #expect(try fixture.uploads().count == 1)
        // Messages and benefit reasons lose their text; when, who and the amounts stay.
        let goneFile = try #require(
            try await database.caseFile(number: expired.number, benefitForms: runtime.benefitForms))
        #expect(goneFile.messages.map(\.text) == [PortalDatabase.anonymisedText])
        #expect(goneFile.messages.map(\.author) == ["anna"])
        #expect(goneFile.benefitChanges.map(\.reason) == [PortalDatabase.anonymisedText])
        #expect(goneFile.benefitChanges.map { [$0.previousCents, $0.cents] } == [[25_000, 30_000]])
        #expect(try await Self.row(kept.number, in: database) == before)
        let keptAfter = try #require(
            try await database.caseFile(number: kept.number, benefitForms: runtime.benefitForms))
        #expect(keptAfter.messages.map(\.text) == ["Manca l'ISEE di Maria"])
        #expect(keptAfter.benefitChanges.map(\.reason) == ["Nucleo con Maria invalida"])
        let audit = try await database.auditPage(before: nil, limit: 10).filter { $0.actor == "retention" }
        #expect(
            audit.map { "\($0.actor) \($0.action) \($0.caseNumber ?? "")" } == ["retention anonymise \(expired.number)"]
        )

        let again = try await Retention.run(portal: runtime.portal, database: database, at: Self.later)
        #expect(again == Retention.Report(portal: "prova", anonymised: 0, filesRemoved: 0))
        #expect(try await database.auditPage(before: nil, limit: 10).count == 5)
        guard case .intact(count: 5, _) = try await database.verifyAudit() else {
            Issue.record("the audit chain does not verify")
            return
        }
    }

    @Test(
        "the bookings made with an expired case, confirmed, waiting or cancelled, lose name, contact and codice fiscale; slot, seats, state and attendance stay"
    )
    func bookings() async throws {
        let fixture = try IntakeFixture()
        let runtime = try #require(fixture.app.portals["prova"])
        let database = runtime.database
        let expired = try await Self.store("chiuso", name: "Maria Bianchi", in: database)
        let kept = try await Self.store("domanda", name: "Luca Verdi", in: database)
        func draft(_ number: String?, _ name: String, slot: String = "2026-06-03T15:00-tutor-anna") -> BookingDraft {
            BookingDraft(
                calendarID: "riservato", slotID: slot, seats: 1, name: name, contact: "333 1234567",
                applicationNumber: number,
                fiscalCode: number.map { $0 == expired.number ? "BNCLRA90A41H501F" : "VRDLCU80A01L736X" },
                bookedAt: IntakeFixture.now)
        }
        _ = try await database.storeBooking(draft(expired.number, "Maria Bianchi"), capacity: 1)
        _ = try await database.storeBooking(
            draft(expired.number, "Maria Bianchi", slot: "2026-06-04T15:00-tutor-anna"), capacity: 1)
        _ = try await database.storeBooking(
            draft(kept.number, "Luca Verdi", slot: "2026-06-04T15:00-tutor-anna"), capacity: 1, orWait: true)
        _ = try await database.storeBooking(draft(nil, "Anna Neri", slot: "2026-06-05T15:00-tutor-anna"), capacity: 1)
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE bookings SET attendance = 'presente' WHERE slot_id = '2026-06-03T15:00-tutor-anna'")
            try db.execute(
                sql: "UPDATE bookings SET state = 'cancellata' WHERE slot_id = '2026-06-04T15:00-tutor-anna' "
                    + "AND application_number = ?", arguments: [expired.number])
        }
        _ = try await Retention.run(portal: runtime.portal, database: database, at: Self.later)
        let rows = try await database.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT application_number, name, contact, fiscal_code, slot_id, seats, state, attendance
                    FROM bookings ORDER BY id
                    """)
        }
        let blank = PortalDatabase.anonymisedText
        #expect(
            rows.map { row in
                [
                    row["application_number"], row["name"], row["contact"], row["fiscal_code"], row["slot_id"],
                    (row["seats"] as Int).description, row["state"], row["attendance"],
                ] as [String?]
            } == [
                [expired.number, blank, "", nil, "2026-06-03T15:00-tutor-anna", "1", "confermata", "presente"],
                [expired.number, blank, "", nil, "2026-06-04T15:00-tutor-anna", "1", "cancellata", nil],
                [
                    kept.number, "Luca Verdi", "333 1234567", "VRDLCU80A01L736X", "2026-06-04T15:00-tutor-anna", "1",
                    "in attesa", nil,
                ],
                // Without a numero pratica it follows its calendar's retention_months, past by 2031
                // (BookingRetentionTests).
                [nil, blank, "", nil, "2026-06-05T15:00-tutor-anna", "1", "confermata", nil],
            ])
    }

    @Test("files a crashed pass left queued are deleted by the next pass, even with nothing left to anonymise")
    func finishesAfterCrash() async throws {
        let fixture = try IntakeFixture()
        let runtime = try #require(fixture.app.portals["prova"])
        let database = runtime.database
        // The state a crash between the commit and the deletions leaves: rows gone, names queued.
        let name = try database.uploads.store(Data("%PDF-1.4\n".utf8))
        try await database.writer.write { db in
            try db.execute(sql: "INSERT INTO upload_removals (stored_name) VALUES (?)", arguments: [name])
        }
        let report = try await Retention.run(portal: runtime.portal, database: database, at: IntakeFixture.now)
        #expect(report == Retention.Report(portal: "prova", anonymised: 0, filesRemoved: 1))
        #expect(try fixture.uploads().isEmpty)
        #expect(
            try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM upload_removals") }
                == 0)
    }

    @Test("a form's cases expire retention_years calendar years after the bando closes, in Rome")
    func expiry() throws {
        let fixture = try IntakeFixture()
        let form = try #require(fixture.app.portals["prova"]?.portal.form(id: "chiuso"))
        #expect(form.retentionEnds == ContentDateTime("2031-03-01 12:00")!.instant)
    }
}
