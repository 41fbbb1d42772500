import Foundation
import GRDB
import ItalianIdentifiers
import PiazzaContent
import Testing

@testable import PiazzaIntake

/// `household_members` has one index besides its primary key (migration v16): the statements that read it
/// search that index, and databases written before migrate to it with their rows.
@Suite("Household members index")
final class HouseholdIndexTests {
    let uploadsFolder = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-household-\(UUID())")

    init() throws {
        try FileManager.default.createDirectory(at: uploadsFolder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: uploadsFolder)
    }

    static let maria = "BNCLRA90A41H501F"
    static let mario = "RSSMRA45D25F205N"

    /// The statements run on `queue`'s connection, as SQLite expanded them with their values.
    final class Statements: @unchecked Sendable {
        private let lock = NSLock()
        private var texts: [String] = []

        init(_ queue: DatabaseQueue) throws {
            try queue.inDatabase { db in
                db.trace { event in
                    if case .statement(let statement) = event { self.append(statement.expandedSQL) }
                }
            }
        }

        private func append(_ text: String) { lock.withLock { texts.append(text) } }

        var all: [String] { lock.withLock { texts } }
    }

    /// The names of the indexes made by `CREATE INDEX` on `table`.
    static func createdIndexes(_ table: String, in db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "PRAGMA index_list(\(table))").filter { ($0["origin"] as String?) == "c" }
            .map { $0["name"] as String }.sorted()
    }

    @Test("the household check, the case page's household and the GDPR export search the one index, never the table")
    func plans() async throws {
        let queue = try DatabaseQueue()
        let database = try PortalDatabase(portalID: "prova", writer: queue, uploadsFolder: uploadsFolder)
        let indexes = try await queue.read { db in try Self.createdIndexes("household_members", in: db) }
        #expect(indexes == ["household_members_code_scope"])
        let statements = try Statements(queue)
        var numbers: [String] = []
        for (key, codes) in [("a", [Self.maria, Self.mario]), ("b", [Self.mario])] {
            let draft = try PortalDatabaseTests.draft(key: key, household: PortalDatabaseTests.household(codes))
            numbers.append(try await database.storeApplication(draft).number)
        }
        let file = try #require(try await database.caseFile(number: numbers[1], benefitForms: BenefitForms(forms: [])))
        #expect(file.household.map(\.number) == [numbers[0]])
        _ = try await database.subjectAccess(
            try FiscalCode(Self.mario), actor: "admin", at: PortalDatabaseTests.june, attachmentURL: { _, _ in "" })
        let reads = Set(statements.all.filter { $0.hasPrefix("SELECT") && $0.contains("household_members") })
        // The check (one statement per household size), the case page's household and the export.
        let readers = ["scope = ", "household_members mine", "instr(answers"]
        #expect(readers.allSatisfy { reader in reads.contains { $0.contains(reader) } }, "\(reads)")
        for sql in reads {
            let plan = try await queue.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
            }
            // The case page reads the table as `mine` and `other`.
            let names = ["household_members", " mine ", " other "]
            let lines = plan.filter { line in names.contains { line.contains($0) } }
            #expect(!lines.isEmpty && lines.allSatisfy { $0.hasPrefix("SEARCH") }, "\(sql)\n\(plan)")
            #expect(plan.contains { $0.contains("household_members_code_scope") }, "\(sql)\n\(plan)")
        }
    }

    @Test("a database of v15 migrates: its members kept, their two indexes replaced by one the check finds them by")
    func fromVersion15() async throws {
        let queue = try DatabaseQueue()
        try PortalMigrations.migrator.migrate(queue, upTo: "v15 payment list downloads")
        try await queue.write { db in
            #expect(
                try Self.createdIndexes("household_members", in: db)
                    == ["household_members_code", "household_members_lookup"])
            try db.execute(
                sql: """
                    INSERT INTO counters (name, year, value) VALUES ('application', 2026, 1);
                    INSERT INTO applications (id, token, number, year, seq, form_id, submitted_at, channel, answers,
                        checks, benefit_cents, state)
                    VALUES (1, 'aaaaaaaaaaaaaaaaaaaaaaaaaa', '2026-0000001', 2026, 1, 'domanda',
                        '2026-06-01T10:00:00.000Z', 'online', '{"answers":[],"formID":"domanda"}', '[]', NULL,
                        'inviata');
                    INSERT INTO household_members (application_id, fiscal_code, scope)
                        VALUES (1, '\(Self.maria)', 'bonus@2026-01-01T09:00'),
                            (1, '\(Self.mario)', 'bonus@2026-01-01T09:00');
                    """)
        }
        let database = try PortalDatabase(portalID: "prova", writer: queue, uploadsFolder: uploadsFolder)
        let (indexes, members) = try await queue.read { db in
            (
                try Self.createdIndexes("household_members", in: db),
                try String.fetchAll(
                    db, sql: "SELECT application_id || ' ' || fiscal_code || ' ' || scope FROM household_members")
            )
        }
        #expect(indexes == ["household_members_code_scope"])
        #expect(
            members == ["1 \(Self.maria) bonus@2026-01-01T09:00", "1 \(Self.mario) bonus@2026-01-01T09:00"])
        let draft = try PortalDatabaseTests.draft(key: "k", household: PortalDatabaseTests.household([Self.mario]))
        let receipt = try await database.storeApplication(draft)
        #expect(receipt.number == "2026-0000002")
        let checks = try await database.application(token: receipt.token)?.application.checks
        #expect(checks?.last?.message == #"["2026-0000001"]"#)
    }
}
