import Foundation
import GRDB

/// A database holding an `audit_log` chain (``AuditChain``): each portal database (cases) and the
/// users database (logins, failed logins and logouts: an account is not a portal's, so its events
/// have their own chain there).
protocol AuditLogStore: Sendable {
    var writer: any DatabaseWriter { get }
    /// Appends `event` durably: returns once the entry is committed.
    ///
    /// - Throws: GRDB's error; a route then answers with an error, not with the data.
    func appendAudit(_ event: AuditEvent) async throws
}

extension AuditLogStore {
    /// Checks the whole chain.
    ///
    /// - Throws: GRDB's error.
    func verifyAudit() async throws -> AuditVerification {
        try await writer.read { db in try AuditChain.verify(in: db) }
    }

    /// Entries newest first, `limit` at a time, before `seq` (`nil`: from the newest).
    func auditPage(before seq: Int64?, limit: Int) async throws -> [AuditEntry] {
        try await writer.read { db in try AuditChain.page(before: seq, limit: limit, in: db) }
    }
}

extension PortalDatabase: AuditLogStore {
    /// In a group commit. Routes call it before they answer, so nothing is shown or sent that the
    /// log does not hold; a change with a transaction of its own appends with
    /// ``AuditChain/append(_:in:)`` inside it instead, so the change and its entry commit together.
    func appendAudit(_ event: AuditEvent) async throws {
        try await committer.write { db in _ = try AuditChain.append(event, in: db) }
    }
}

extension AccountsDatabase: AuditLogStore {
    func appendAudit(_ event: AuditEvent) async throws {
        try await writer.write { db in _ = try AuditChain.append(event, in: db) }
    }
}
