import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// `piazza user enable` and `piazza user set` (findings-s12 #14): one name for one person, whatever
/// happens to their account.
@Suite("Back-office accounts: enabling a user again, changing role, portals and shop")
struct UserChangeTests {
    typealias Browser = OperatorFixture

    /// `piazza user`'s side of the daemon's users database, with the fixture's portals served.
    static func admin(_ operators: OperatorFixture) -> UserAdmin {
        UserAdmin(
            database: operators.app.accounts, served: ["altro", "prova"], hashing: PasswordHashing(cost: 4),
            clock: { IntakeFixture.now })
    }

    @Test("a disabled user enabled again logs in with their password under the same name")
    func enableThenLogin() async throws {
        let operators = try await OperatorFixture()
        let admin = Self.admin(operators)
        try await operators.app.buildApplication().test(.router) { client in
            try await admin.disable(name: "anna")
            #expect(try await Browser.login(client, "anna").status == .unprocessableContent)
            try await admin.enable(name: "anna")
            let session = try await Browser.session(client, "anna")
            #expect(try await Browser.get(client, "/operator/prova/", session: session).status == .ok)
            #expect(try await admin.list().first { $0.name == "anna" }?.isDisabled == false)
        }
    }

    @Test("a portal taken away ends the session at the next request; after a new login it is out of reach")
    func portalRemoved() async throws {
        let operators = try await OperatorFixture()
        let admin = Self.admin(operators)
        try await operators.app.buildApplication().test(.router) { client in
            try await admin.set(name: "anna", portals: ["prova", "altro"])
            let both = try await Browser.session(client, "anna")
            #expect(try await Browser.get(client, "/operator/altro/", session: both).status == .ok)
            try await admin.set(name: "anna", portals: ["prova"])
            let next = try await Browser.get(client, "/operator/altro/", session: both)
            #expect(
                next.status == .seeOther
                    && next.headers[.location] == LoginReturn.loginAddress(returningTo: "/operator/altro/"))
            let again = try await Browser.session(client, "anna")
            #expect(try await Browser.get(client, "/operator/altro/", session: again).status == .notFound)
            #expect(try await Browser.get(client, "/operator/prova/", session: again).status == .ok)
        }
    }

    @Test("a role changed keeps the portals a role takes, drops them for an admin, and needs them back for an operator")
    func roleChanges() async throws {
        let admin = try AccountsTests.admin()
        try await admin.add(name: "anna", role: .operator, portals: ["a", "b"], password: AccountsTests.password)
        try await admin.set(name: "anna", role: .tutor)
        #expect(
            try await admin.list() == [UserSummary(name: "anna", role: .tutor, portals: ["a", "b"], isDisabled: false)])
        try await admin.set(name: "anna", role: .admin)
        #expect(try await admin.list() == [UserSummary(name: "anna", role: .admin, portals: [], isDisabled: false)])
        let error = await #expect(throws: AccountsError.self) { try await admin.set(name: "anna", role: .operator) }
        #expect(error?.code == .invalidPortals)
        #expect(error?.message.contains("at least one --portal; portals served: a, b") == true)
        try await admin.set(name: "anna", role: .operator, portals: ["b"])
        #expect(
            try await admin.list() == [UserSummary(name: "anna", role: .operator, portals: ["b"], isDisabled: false)])
    }

    @Test("shop staff move to another shop with --merchant; another role drops the shop, and gets none")
    func merchantChanges() async throws {
        let admin = try AccountsTests.admin()
        try await admin.add(
            name: "cassa", role: .merchant, portals: ["a"], merchant: "01234560280", password: AccountsTests.password)
        try await admin.set(name: "cassa", merchant: "IT 00743110157")
        #expect(try await admin.database.user(named: "cassa")?.user.merchant == "00743110157")
        let bad = await #expect(throws: AccountsError.self) { try await admin.set(name: "cassa", merchant: "123") }
        #expect(bad?.code == .invalidMerchant)
        let other = await #expect(throws: AccountsError.self) {
            try await admin.set(name: "cassa", role: .operator, merchant: "00743110157")
        }
        #expect(other?.code == .invalidMerchant)
        try await admin.set(name: "cassa", role: .operator)
        let stored = try #require(try await admin.database.user(named: "cassa"))
        #expect(stored.user.role == .operator && stored.user.merchant == nil && stored.portals == ["a"])
    }

    @Test("enable and set are in the login log with the values after the change; a refused set writes nothing")
    func audited() async throws {
        let admin = try AccountsTests.admin()
        try await admin.add(name: "anna", role: .operator, portals: ["a"], password: AccountsTests.password)
        try await admin.disable(name: "anna")
        try await admin.enable(name: "anna")
        try await admin.set(name: "anna", portals: ["b", "a"])
        for refused in [
            { try await admin.set(name: "anna", portals: ["zzz"]) },
            { try await admin.set(name: "nessuno", role: .admin) },
            { try await admin.enable(name: "nessuno") }, { try await admin.set(name: "anna") },
        ] {
            await #expect(throws: AccountsError.self) { try await refused() }
        }
        let entries = try await admin.database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT action || '|' || detail FROM audit_log ORDER BY seq")
        }
        #expect(
            entries == [
                "add_user|anna operator a", "disable_user|anna", "enable_user|anna", "change_user|anna operator a b",
            ])
    }
}
