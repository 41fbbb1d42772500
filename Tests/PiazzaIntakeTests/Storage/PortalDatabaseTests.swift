import Foundation
import GRDB
import PiazzaContent
import Testing

@testable import PiazzaIntake

/// The portal storage on an in-memory database: what `storeApplication` writes and what the reads return.
@Suite("Portal storage")
final class PortalDatabaseTests {
    let uploadsFolder = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-store-\(UUID())")

    init() throws {
        try FileManager.default.createDirectory(at: uploadsFolder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: uploadsFolder)
    }

    func database(_ writer: any DatabaseWriter = try! DatabaseQueue()) throws -> PortalDatabase {
        try PortalDatabase(portalID: "prova", writer: writer, uploadsFolder: uploadsFolder)
    }

    /// 1 June 2026, 12:00 in Rome.
    static let june = Date(timeIntervalSince1970: 1_780_308_000)

    static func draft(
        key: String, name: String = "Maria Bianchi", at date: Date = june, channel: SubmissionChannel = .online,
        household: ApplicationDraft.Household? = nil, fiscalCodes: [String] = [],
        uploads: [ApplicationDraft.Upload] = []
    ) throws -> ApplicationDraft {
        ApplicationDraft(
            formID: "domanda", submittedAt: date, channel: channel,
            application: ValidatedApplication(formID: "domanda", answers: [Answer(name: "nome", value: .text(name))]),
            checks: [CheckResult(code: "residence", status: .ok, message: "Residente a Pisa.")], household: household,
            fiscalCodes: fiscalCodes, benefitCents: 30_000, idempotencyKey: { _ in key }, uploads: uploads)
    }

    /// A household check whose result lists the earlier numeri pratica it was given.
    static func household(_ codes: [String], scope: String = "bonus@2026-01-01T09:00") -> ApplicationDraft.Household {
        ApplicationDraft.Household(scope: scope, fiscalCodes: codes, earlierLimit: 2) { earlier in
            CheckResult(code: "household_duplicate", status: earlier.isEmpty ? .ok : .warning, message: "\(earlier)")
        }
    }

    @Test("numeri pratica count per year in Rome, from 2026-0000001, and per portal")
    func numbers() async throws {
        let database = try database()
        var numbers: [String] = []
        // 31 December 2026, 23:30 UTC, is already 2027 in Rome.
        for (index, date) in [Self.june, Self.june, Date(timeIntervalSince1970: 1_798_759_800)].enumerated() {
            numbers.append(try await database.storeApplication(Self.draft(key: "k\(index)", at: date)).number)
        }
        #expect(numbers == ["2026-0000001", "2026-0000002", "2027-0000001"])
        let other = try self.database()
        #expect(try await other.storeApplication(Self.draft(key: "k0")).number == "2026-0000001")
    }

    @Test("every receipt token is 26 base32 characters (130 random bits), never repeated")
    func tokens() async throws {
        let database = try database()
        var tokens = Set<String>()
        for index in 0..<50 {
            let receipt = try await database.storeApplication(Self.draft(key: "k\(index)"))
            #expect(receipt.isNew)
            #expect(RandomToken.isWellFormed(receipt.token))
            tokens.insert(receipt.token)
        }
        #expect(tokens.count == 50)
    }

    @Test("the same idempotency key gives the first receipt and no second row")
    func repeatedKey() async throws {
        let database = try database()
        #expect(try await database.receipt(forKey: "k") == nil)
        let first = try await database.storeApplication(Self.draft(key: "k"))
        let again = try await database.storeApplication(Self.draft(key: "k", name: "Emanuele Ricci"))
        #expect(again == StoredReceipt(token: first.token, number: first.number, isNew: false))
        #expect(try await database.receipt(forKey: "k") == again)
        let count = try await database.writer.read { db in try ApplicationRecord.fetchCount(db) }
        #expect(count == 1)
    }

    @Test("an application reads back by token with its answers, checks, benefit, state and first event")
    func readBack() async throws {
        let database = try database()
        let receipt = try await database.storeApplication(Self.draft(key: "k"))
        let stored = try #require(try await database.application(token: receipt.token))
        #expect(stored.application.number == "2026-0000001")
        #expect(stored.application.formID == "domanda")
        #expect(stored.application.submittedAt == Self.june)
        #expect(try stored.application.answers == Self.draft(key: "k").answers)
        #expect(stored.application.checks.map(\.code) == ["residence"])
        #expect(stored.application.benefitCents == 30_000)
        #expect(stored.application.state == .submitted && stored.application.channel == .online)
        #expect(stored.events.map(\.state) == [.submitted])
        #expect(stored.events.map(\.note) == ["Domanda inviata online."])
        #expect(try await database.application(token: "aaaaaaaaaaaaaaaaaaaaaaaaaa") == nil)
    }

    @Test(
        "states are stored by their Italian names",
        arguments: [
            (ApplicationState.submitted, "inviata"), (.takenInCharge, "presa_in_carico"),
            (.integrationRequested, "richiesta_integrazione"), (.integrated, "integrata"), (.accepted, "accolta"),
            (.rejected, "respinta"), (.withdrawn, "ritirata"),
        ])
    func stateNames(state: ApplicationState, stored: String) throws {
        let text = try DatabaseQueue().read { db in try String.fetchOne(db, sql: "SELECT ?", arguments: [state]) }
        #expect(text == stored)
        #expect(ApplicationState.fromDatabaseValue(stored.databaseValue) == state)
    }

    @Test(
        "the channel, the state and the first event are stored as the exact strings of the schema",
        arguments: [
            (SubmissionChannel.online, "online", "Domanda inviata online."),
            (.assisted, "assisted", "Domanda inviata con l'aiuto di un operatore."),
        ])
    func storedStrings(channel: SubmissionChannel, stored: String, note: String) async throws {
        let database = try database()
        let receipt = try await database.storeApplication(Self.draft(key: "k", channel: channel))
        let row = try database.writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT a.channel, a.state, a.submitted_at, e.state AS event_state, e.note, e.actor
                    FROM applications a JOIN application_events e ON e.application_id = a.id WHERE a.token = ?
                    """, arguments: [receipt.token])
        }
        let values = try #require(row)
        #expect(values["channel"] as String == stored && values["actor"] as String == stored)
        #expect(values["state"] as String == "inviata" && values["event_state"] as String == "inviata")
        #expect(values["note"] as String == note)
        #expect(values["submitted_at"] as String == "2026-06-01T10:00:00.000Z")
        #expect(try await database.application(token: receipt.token)?.application.channel == channel)
    }

    @Test("every column a submission writes holds the exact value of the schema: instants, JSON checks, household")
    func insertedColumns() async throws {
        let database = try database()
        var draft = try Self.draft(
            key: "k", household: Self.household(["RSSMRA80A01H501U"]), fiscalCodes: ["RSSMRA80A01H501U"])
        draft.retentionEnds = Date(timeIntervalSince1970: 1_956_524_399)
        let receipt = try await database.storeApplication(draft)
        let (application, event, member, searched) = try await database.writer.read { db in
            (
                try Row.fetchOne(db, sql: "SELECT * FROM applications"),
                try Row.fetchOne(db, sql: "SELECT * FROM application_events"),
                try Row.fetchOne(db, sql: "SELECT * FROM household_members"),
                try Row.fetchAll(db, sql: "SELECT * FROM application_fiscal_codes")
            )
        }
        let row = try #require(application)
        #expect(row["id"] as Int64 == 1 && row["token"] as String == receipt.token)
        #expect(row["number"] as String == "2026-0000001" && row["year"] as Int == 2026 && row["seq"] as Int == 1)
        #expect(row["form_id"] as String == "domanda" && row["benefit_cents"] as Int == 30_000)
        #expect(row["submitted_at"] as String == "2026-06-01T10:00:00.000Z")
        #expect(
            row["checks"] as String
                == #"[{"code":"residence","message":"Residente a Pisa.","status":"ok"},"#
                + #"{"code":"household_duplicate","message":"[]","status":"ok"}]"#)
        #expect(row["flagged"] as Int == 0 && row["idempotency_key"] as String == "k")
        #expect(row["retention_ends"] as String == "2031-12-31T22:59:59.000Z")
        #expect(
            searched.map { [$0["fiscal_code"] as String, "\($0["application_id"] as Int64)"] } == [
                ["RSSMRA80A01H501U", "1"]
            ])
        let history = try #require(event)
        #expect(history["application_id"] as Int64 == 1 && history["at"] as String == "2026-06-01T10:00:00.000Z")
        let household = try #require(member)
        #expect(household["application_id"] as Int64 == 1 && household["fiscal_code"] as String == "RSSMRA80A01H501U")
        #expect(household["scope"] as String == "bonus@2026-01-01T09:00")
    }

    @Test("the answers are stored as exactly the text the idempotency key is computed over")
    func answersText() async throws {
        let database = try database()
        let answers = [Answer(name: "nome", value: .text("Maria"))]
        let application = ValidatedApplication(formID: "domanda", answers: answers)
        let draft = ApplicationDraft(
            formID: "domanda", submittedAt: Self.june, channel: .online, application: application, checks: [],
            household: nil, fiscalCodes: [], benefitCents: nil, idempotencyKey: { "key over " + $0 }, uploads: [])
        let receipt = try await database.storeApplication(draft)
        let (stored, key) = try await database.writer.read { db in
            (
                try String.fetchOne(
                    db, sql: "SELECT answers FROM applications WHERE token = ?", arguments: [receipt.token]),
                try String.fetchOne(db, sql: "SELECT idempotency_key FROM applications")
            )
        }
        #expect(stored == #"{"answers":[{"name":"nome","text":"Maria"}],"formID":"domanda"}"#)
        #expect(key == "key over " + (stored ?? ""))
    }

    @Test("the household check is completed with the earlier applications of its scope sharing a member")
    func household() async throws {
        let database = try database()
        let codes = ["RSSMRA45D25F205N", "BNCLRA90A41H501F"]
        func result(_ key: String, _ household: ApplicationDraft.Household) async throws -> String? {
            let receipt = try await database.storeApplication(Self.draft(key: key, household: household))
            return try await database.application(token: receipt.token)?.application.checks.last?.message
        }
        #expect(try await result("a", Self.household([codes[0]])) == "[]")
        #expect(try await result("b", Self.household([codes[1]])) == "[]")
        #expect(try await result("c", Self.household(codes)) == #"["2026-0000001", "2026-0000002"]"#)
        #expect(try await result("d", Self.household(codes, scope: "bonus@2027-01-01T09:00")) == "[]")
        let checks = try await database.storeApplication(Self.draft(key: "e"))
        #expect(try await database.application(token: checks.token)?.application.checks.map(\.code) == ["residence"])
    }

    @Test("households of one, eight and ten members (past the statements made once) find the earlier application")
    func householdSizes() async throws {
        let database = try database()
        let shared = "RSSMRA45D25F205N"
        _ = try await database.storeApplication(Self.draft(key: "first", household: Self.household([shared])))
        var messages: [String?] = []
        for size in [1, 8, 10] {
            let others = (1..<size).map { "MEMBER\(size)X\($0)" }
            let receipt = try await database.storeApplication(
                Self.draft(key: "k\(size)", household: Self.household(others + [shared])))
            messages.append(try await database.application(token: receipt.token)?.application.checks.last?.message)
        }
        #expect(
            messages == [
                #"["2026-0000001"]"#, #"["2026-0000001", "2026-0000002"]"#, #"["2026-0000001", "2026-0000002"]"#,
            ])
    }

    @Test("the earlier numeri pratica are the oldest up to the limit, each listed once however many members it shares")
    func householdLimit() async throws {
        let database = try database()
        let codes = ["RSSMRA45D25F205N", "BNCLRA90A41H501F"]
        for key in ["a", "b", "c"] {
            _ = try await database.storeApplication(Self.draft(key: key, household: Self.household(codes)))
        }
        let receipt = try await database.storeApplication(Self.draft(key: "d", household: Self.household(codes)))
        let message = try await database.application(token: receipt.token)?.application.checks.last?.message
        #expect(message == #"["2026-0000001", "2026-0000002"]"#)
    }

    @Test("uploads are written under the uploads folder and listed with the application; a repeat writes none")
    func uploads() async throws {
        let database = try database()
        let file = UploadedFile(filename: "isee.pdf", detectedType: "application/pdf", size: 9, sha256: "ab")
        let upload = ApplicationDraft.Upload(field: "documento", file: file, bytes: Data("%PDF-1.4\n".utf8))
        _ = try await database.storeApplication(Self.draft(key: "k", uploads: [upload]))
        _ = try await database.storeApplication(Self.draft(key: "k", uploads: [upload]))
        let names = try FileManager.default.contentsOfDirectory(atPath: uploadsFolder.path)
        let files = try await database.writer.read { db in try FileRecord.fetchAll(db) }
        #expect(names.count == 1 && files.map(\.storedName) == names)
        #expect(files.map(\.originalName) == ["isee.pdf"] && files.map(\.mime) == ["application/pdf"])
        #expect(try Data(contentsOf: uploadsFolder.appendingPathComponent(names[0])) == upload.bytes)
    }

    /// A v19 database with applications upgrades to v20: a key stored before finds its receipt and a repeat
    /// stores nothing, the household check finds the earlier cases, numbering goes on past a restore's floor.
    @Test("a v19 database with applications upgrades to v20 and answers as before")
    func fromVersion19() async throws {
        let queue = try DatabaseQueue()
        try PortalMigrations.migrator.migrate(queue, upTo: "v19 queue search by name")
        try await queue.write { db in
            // As v19 stored two applications, then a restore raised the counter past number 3 (NumberReservation).
            for seq in 1...2 {
                try db.execute(
                    sql: """
                        INSERT INTO applications (id, token, number, year, seq, form_id, submitted_at, channel, answers,
                            checks, benefit_cents, state, retention_ends)
                        VALUES (\(seq), 'token' || \(seq), '2026-000000' || \(seq), 2026, \(seq), 'domanda', '2026-06-01T10:00:00.000Z',
                            'online', '{"answers":[{"name":"nome","text":"Maria"}],"formID":"domanda"}',
                            '[{"code":"residence","message":"Residente a Pisa.","status":"ok"}]', 30000, 'inviata',
                            '2031-12-31T22:59:59.000Z');
                        INSERT INTO application_events (application_id, at, state, note, actor)
                            VALUES (\(seq), '2026-06-01T10:00:00.000Z', 'inviata', 'Domanda inviata online.', 'online');
                        INSERT INTO idempotency_keys (key, application_id, created_at)
                            VALUES ('old' || \(seq), \(seq), '2026-06-01T10:00:00.000Z');
                        INSERT INTO household_members (application_id, fiscal_code, scope)
                            VALUES (\(seq), 'RSSMRA80A01H501U', 'bonus@2026-01-01T09:00');
                        """)
            }
            try db.execute(sql: "INSERT INTO counters (name, year, value) VALUES ('application', 2026, 3)")
        }
        let database = try database(queue)
        #expect(try await queue.read { db in try db.tableExists("idempotency_keys") } == false)
        #expect(
            try await database.receipt(forKey: "old2")
                == StoredReceipt(token: "token2", number: "2026-0000002", isNew: false))
        #expect(try await database.storeApplication(Self.draft(key: "old1", name: "Luca")).number == "2026-0000001")
        let household = Self.household(["RSSMRA80A01H501U"])
        let new = try await database.storeApplication(Self.draft(key: "new", household: household))
        #expect(new.isNew && new.number == "2026-0000004")
        let checks = try await database.application(token: new.token)?.application.checks
        #expect(checks?.last?.message == #"["2026-0000001", "2026-0000002"]"#)
        #expect(try await database.storeApplication(Self.draft(key: "next")).number == "2026-0000005")
        #expect(try await queue.read { db in try ApplicationRecord.fetchCount(db) } == 4)
    }

    @Test("a database written by v1 opens migrated, its applications read back, and numbering continues")
    func fromVersion1() async throws {
        let queue = try DatabaseQueue()
        try PortalMigrations.migrator.migrate(queue, upTo: "v1 intake")
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO counters (name, year, value) VALUES ('application', 2026, 1);
                    INSERT INTO applications (id, token, number, year, seq, form_id, submitted_at, channel, answers,
                        checks, benefit_cents, state)
                    VALUES (1, 'aaaaaaaaaaaaaaaaaaaaaaaaaa', '2026-0000001', 2026, 1, 'domanda',
                        '2026-06-01T10:00:00.000Z', 'online', '{"answers":[{"name":"nome","text":"Maria"}],"formID":"domanda"}',
                        '[{"code":"residence","message":"Residente a Pisa.","status":"ok"}]', NULL, 'inviata');
                    INSERT INTO application_events (application_id, at, state, note, actor)
                        VALUES (1, '2026-06-01T10:00:00.000Z', 'inviata', 'Domanda inviata online.', 'online');
                    INSERT INTO idempotency_keys (key, application_id, created_at)
                        VALUES ('v1', 1, '2026-06-01T10:00:00.000Z');
                    """)
        }
        let database = try database(queue)
        let stored = try #require(try await database.application(token: "aaaaaaaaaaaaaaaaaaaaaaaaaa"))
        #expect(stored.application.answers.application.answers == [Answer(name: "nome", value: .text("Maria"))])
        #expect(try stored.application.checks == Self.draft(key: "k").checks)
        #expect(stored.application.submittedAt == Self.june && stored.application.benefitCents == nil)
        #expect(stored.events.map(\.state) == [.submitted])
        #expect(try await database.receipt(forKey: "v1") == nil)
        #expect(try await database.storeApplication(Self.draft(key: "k")).number == "2026-0000002")
    }
}
