import Foundation
import PiazzaContent

/// What `piazza user` does, for the command to call: the accounts of the daemon configured by a
/// `piazza.yaml`, checked against the portals it serves.
public struct UserAdmin: Sendable {
    let database: AccountsDatabase
    let served: [String]
    let hashing: PasswordHashing
    let clock: @Sendable () -> Date
    /// Who the audit log says made each change (``AuditEvent/commandLineActor`` for `piazza user`).
    let actor: String

    /// Opens the users database of the daemon configured by `configFile` (`<data>/users.sqlite`).
    ///
    /// - Throws: `DaemonConfigError` for the file; ``AccountsError`` `.database` when the database
    ///   does not open.
    public init(configFile: URL) throws {
        let config = try DaemonConfig.load(from: configFile)
        try self.init(
            dataFolder: config.dataFolder, served: config.portals ?? ContentTree.portalIDs(in: config.contentFolder))
    }

    /// Opens the users database in `dataFolder` (`<data>/users.sqlite`, created when missing), for a
    /// daemon serving the portals `served`.
    ///
    /// - Throws: ``AccountsError`` `.database` when the database does not open.
    public init(dataFolder: URL, served: [String]) throws {
        do {
            self.init(database: try AccountsDatabase(dataFolder: dataFolder), served: served)
        } catch {
            throw AccountsError(
                .database,
                "cannot open \(dataFolder.appendingPathComponent(AccountsDatabase.fileName).path); "
                    + "make the data folder writable by this user, or restore the file from a backup",
                cause: error)
        }
    }

    init(
        database: AccountsDatabase, served: [String], hashing: PasswordHashing = PasswordHashing(),
        clock: @escaping @Sendable () -> Date = { Date() }, actor: String = AuditEvent.commandLineActor
    ) {
        self.database = database
        self.served = served
        self.hashing = hashing
        self.clock = clock
        self.actor = actor
    }

    /// Adds a user, recorded in the users database's audit log (``AuditAction/addUser``, by ``actor``).
    ///
    /// - Parameters:
    ///   - portals: for an operator or tutor, the portals (at least one, each served); for shop staff
    ///     exactly one; none for an admin.
    ///   - merchant: for shop staff (``Role/merchant``) only, the partita IVA of their shop. The shop need
    ///     not be enrolled yet: its staff reach the redemption page once the enrolment is accepted.
    /// - Throws: ``AccountsError``: `.invalidName`, `.invalidPortals`, `.invalidMerchant`,
    ///   `.invalidPassword`, `.nameTaken`.
    public func add(name: String, role: Role, portals: [String], merchant: String? = nil, password: String)
        async throws
    {
        try AccountRules.checkName(name)
        let portals = try AccountRules.checkPortals(portals, role: role, served: served)
        let merchant = try AccountRules.checkMerchant(merchant, role: role)
        try AccountRules.checkPassword(password)
        let hash = await hashing.hash(password)
        try await database.addUser(
            name: name, role: role, portals: portals, merchant: merchant, passwordHash: hash, at: clock(), actor: actor)
    }

    /// Sets a new password, recorded in the audit log (``AuditAction/changePassword``).
    ///
    /// - Throws: ``AccountsError``: `.invalidPassword`, `.unknownUser`.
    public func setPassword(name: String, password: String) async throws {
        try AccountRules.checkPassword(password)
        try await database.setPasswordHash(await hashing.hash(password), forUser: name, audit: (actor, clock()))
    }

    /// Disables a user: they can no longer log in. Recorded in the audit log (``AuditAction/disableUser``).
    ///
    /// - Throws: ``AccountsError`` `.unknownUser`.
    public func disable(name: String) async throws {
        try await database.disableUser(name, at: clock(), actor: actor)
    }

    /// Enables a disabled user: they can log in again with their password, under the same name (one
    /// history in the audit log). Recorded in the audit log (``AuditAction/enableUser``).
    ///
    /// - Throws: ``AccountsError`` `.unknownUser`.
    public func enable(name: String) async throws {
        try await database.enableUser(name, at: clock(), actor: actor)
    }

    /// Changes the role, the portals or the shop of a user; what is not given stays as it is, as far as the
    /// new role allows: a role without portals (admin) drops them, a role without a shop drops it. Ends
    /// the user's sessions (the next request asks for a login, and reaches only the new portals).
    /// Recorded in the audit log (``AuditAction/changeUser``, with the values after the change).
    ///
    /// - Parameters:
    ///   - role: the new role; `nil` keeps the current one.
    ///   - portals: the new portals, replacing the current ones; `nil` keeps them. Checked as by ``add``.
    ///   - merchant: for shop staff, the partita IVA of the new shop; `nil` keeps the current one.
    /// - Throws: ``AccountsError``: `.unknownUser`; `.invalidPortals`, `.invalidMerchant` as ``add``;
    ///   `.nothingToChange` when no value is given.
    public func set(name: String, role: Role? = nil, portals: [String]? = nil, merchant: String? = nil)
        async throws
    {
        if role == nil && portals == nil && merchant == nil {
            throw AccountsError(
                .nothingToChange, "nothing to change for '\(name)'; give --role, --portal or --merchant")
        }
        guard let current = try await database.user(named: name) else {
            throw AccountsError(.unknownUser, "no user named '\(name)'; see `piazza user list`")
        }
        let newRole = role ?? current.user.role
        let keptPortals = newRole.takesPortals ? current.portals : []
        let checkedPortals = try AccountRules.checkPortals(portals ?? keptPortals, role: newRole, served: served)
        let keptMerchant = newRole == .merchant ? current.user.merchant : nil
        let checkedMerchant = try AccountRules.checkMerchant(merchant ?? keptMerchant, role: newRole)
        try await database.setAccess(
            name, role: newRole, portals: checkedPortals, merchant: checkedMerchant, at: clock(), actor: actor)
    }

    /// Every user, by name.
    public func list() async throws -> [UserSummary] {
        try await database.users()
    }

    /// Closes the database.
    public func close() throws { try database.close() }
}
