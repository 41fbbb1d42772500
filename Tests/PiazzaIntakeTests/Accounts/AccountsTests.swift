import Foundation
import GRDB
import Testing

@testable import PiazzaIntake

@Suite("Back-office accounts: names, roles, portals and passwords")
struct AccountsTests {
    /// Accounts on an in-memory database, portals `a` and `b` served, bcrypt at its minimum cost.
    static func admin() throws -> UserAdmin {
        UserAdmin(
            database: try AccountsDatabase(writer: DatabaseQueue()), served: ["a", "b"],
            hashing: PasswordHashing(cost: 4), clock: { Date(timeIntervalSince1970: 1_790_000_000) })
    }

    static let password = "cavallo batteria graffetta"

    @Test("an added user is listed with role and sorted portals, and the stored hash verifies the password only")
    func addAndList() async throws {
        let admin = try Self.admin()
        try await admin.add(name: "mario.rossi", role: .operator, portals: ["b", "a", "b"], password: Self.password)
        try await admin.add(name: "capo", role: .admin, portals: [], password: Self.password)
        #expect(
            try await admin.list() == [
                UserSummary(name: "capo", role: .admin, portals: [], isDisabled: false),
                UserSummary(name: "mario.rossi", role: .operator, portals: ["a", "b"], isDisabled: false),
            ])
        let stored = try #require(try await admin.database.user(named: "mario.rossi"))
        #expect(stored.user.passwordHash.hasPrefix("$2b$04$"))
        #expect(await PasswordHashing(cost: 4).verify(Self.password, hash: stored.user.passwordHash))
        #expect(await !PasswordHashing(cost: 4).verify("cavallo batteria graffettA", hash: stored.user.passwordHash))
    }

    @Test("a new password replaces the old one; disabling marks the user and keeps them listed")
    func passwdAndDisable() async throws {
        let admin = try Self.admin()
        try await admin.add(name: "anna", role: .tutor, portals: ["a"], password: Self.password)
        try await admin.setPassword(name: "anna", password: "un'altra parola lunga")
        let hash = try #require(try await admin.database.user(named: "anna")).user.passwordHash
        #expect(await PasswordHashing().verify("un'altra parola lunga", hash: hash))
        #expect(await !PasswordHashing().verify(Self.password, hash: hash))
        try await admin.disable(name: "anna")
        #expect(try await admin.list().map(\.isDisabled) == [true])
    }

    @Test("a second user with the same name, or a change to a user who does not exist, is refused")
    func unknownAndTaken() async throws {
        let admin = try Self.admin()
        try await admin.add(name: "anna", role: .admin, portals: [], password: Self.password)
        await #expect(throws: AccountsError.self) {
            try await admin.add(name: "anna", role: .operator, portals: ["a"], password: Self.password)
        }
        for change in [
            { try await admin.disable(name: "nessuno") },
            { try await admin.setPassword(name: "nessuno", password: Self.password) },
        ] {
            let error = await #expect(throws: AccountsError.self) { try await change() }
            #expect(error?.code == .unknownUser)
            #expect(error?.message.contains("'nessuno'") == true)
        }
    }

    @Test(
        "portals must fit the role and be served",
        arguments: [
            (Role.admin, ["a"], "remove --portal"),
            (Role.operator, [], "at least one --portal; portals served: a, b"),
            (Role.tutor, [], "at least one --portal"),
            (Role.operator, ["a", "zzz"], "no portal 'zzz' is served"),
        ])
    func portals(role: Role, portals: [String], expected: String) async throws {
        let error = await #expect(throws: AccountsError.self) {
            try await Self.admin().add(name: "anna", role: role, portals: portals, password: Self.password)
        }
        #expect(error?.code == .invalidPortals)
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
        #expect(error?.exitCode == 1)
    }

    @Test(
        "user names are lowercase ASCII letters, digits, '.', '_', '-', 1 to 64, starting with a letter or digit",
        arguments: ["", "Mario", "mario rossi", ".mario", "-x", "màrio", "a/b", String(repeating: "a", count: 65)])
    func badNames(name: String) async throws {
        let error = await #expect(throws: AccountsError.self) {
            try await Self.admin().add(name: name, role: .admin, portals: [], password: Self.password)
        }
        #expect(error?.code == .invalidName)
    }

    @Test("passwords have 12 characters or more and at most 72 bytes, the part bcrypt reads")
    func passwordLength() async throws {
        let admin = try Self.admin()
        for password in ["undici car", String(repeating: "è", count: 37)] {
            let error = await #expect(throws: AccountsError.self) {
                try await admin.add(name: "anna", role: .admin, portals: [], password: password)
            }
            #expect(error?.code == .invalidPassword)
        }
        try await admin.add(name: "anna", role: .admin, portals: [], password: String(repeating: "è", count: 36))
    }
}
