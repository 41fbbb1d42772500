import Foundation
import GRDB
import Testing

@testable import PiazzaIntake

/// Shop staff accounts (role `merchant`, issue 19): bound to one portal and one shop's partita IVA.
@Suite("Shop staff accounts")
struct MerchantAccountsTests {
    static let password = AccountsTests.password

    @Test("shop staff are added with one portal and their shop's partita IVA, stored as 11 digits")
    func add() async throws {
        let admin = try AccountsTests.admin()
        try await admin.add(
            name: "cassa", role: .merchant, portals: ["a"], merchant: "IT 0123456 0280", password: Self.password)
        let stored = try #require(try await admin.database.user(named: "cassa"))
        #expect(stored.user.role == .merchant && stored.user.merchant == "01234560280" && stored.portals == ["a"])
        #expect(try await admin.list().map(\.role) == [.merchant])
    }

    @Test(
        "shop staff need one portal and a valid partita IVA; no other role takes one",
        arguments: [
            (Role.merchant, ["a", "b"], "01234560280", "give one --portal"),
            (Role.merchant, ["a"], nil, "shop staff need --merchant PARTITAIVA"),
            (Role.merchant, ["a"], "01234560281", "is not a valid partita IVA"),
            (Role.operator, ["a"], "01234560280", "only shop staff (--role merchant) have a shop; remove --merchant"),
        ] as [(Role, [String], String?, String)])
    func refusals(role: Role, portals: [String], merchant: String?, expected: String) async throws {
        let error = await #expect(throws: AccountsError.self) {
            try await AccountsTests.admin().add(
                name: "cassa", role: role, portals: portals, merchant: merchant, password: Self.password)
        }
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
        #expect(error?.exitCode == 1)
    }

    @Test("a users database of the previous schema keeps its users, portals and sessions, and takes shop staff")
    func migration() async throws {
        let queue = try DatabaseQueue()
        var migrator = AccountsMigrations.migrator
        try migrator.migrate(queue, upTo: "v3 login audit log")
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'anna', 'operator', 'h', 't');
                    INSERT INTO user_portals (user_id, portal) VALUES (7, 'a');
                    INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen_at) VALUES ('s', 7, 'c', 't', 't');
                    """)
        }
        migrator = AccountsMigrations.migrator
        try migrator.migrate(queue)
        let accounts = try AccountsDatabase(writer: queue)
        let anna = try #require(try await accounts.user(named: "anna"))
        #expect(anna.user.id == 7 && anna.user.role == .operator && anna.user.merchant == nil && anna.portals == ["a"])
        #expect(
            try await queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sessions WHERE user_id = 7") }
                == 1)
        // The CHECK binds the shop to the role both ways.
        await #expect(throws: DatabaseError.self) {
            try await queue.write { db in
                try db.execute(
                    sql: "INSERT INTO users (name, role, password_hash, created_at) VALUES ('x', 'merchant', 'h', 't')")
            }
        }
    }

    @Test("`vouchers.void_minutes` sets the void window; a value out of range is an error at it")
    func voidMinutes() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-vouchers-\(UUID())")
        defer { try? FileManager.default.removeItem(at: base) }
        for folder in ["content", "theme"] {
            try FileManager.default.createDirectory(
                at: base.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let text = "content: content\ntheme: theme\ndata: data\nvouchers:\n  void_minutes: 10\n"
        #expect(try DaemonConfig.parse(text, file: "piazza.yaml", base: base).vouchers.voidMinutes == 10)
        #expect(
            try DaemonConfig.parse("content: content\ntheme: theme\ndata: data\n", file: "piazza.yaml", base: base)
                .vouchers.voidMinutes == 30)
        #expect {
            try DaemonConfig.parse(text.replacingOccurrences(of: "10", with: "2000"), file: "piazza.yaml", base: base)
        } throws: { error in
            (error as? DaemonConfigError)?.diagnostics.map(\.description) == [
                "piazza.yaml:5:17: error: `void_minutes` in `vouchers` must be between 0 and 1440"
            ]
        }
    }
}
