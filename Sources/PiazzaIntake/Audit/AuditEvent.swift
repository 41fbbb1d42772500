import Foundation

/// What happened, as a route or a job reports it to an audit log (``AuditChain/append(_:in:)``):
/// who, when, what and which case. The chain adds the position and the hashes.
struct AuditEvent: Sendable, Hashable {
    var at: Date
    /// The user's name; `retention` for the scheduled job; for a failed login, the name typed
    /// when it is an account's, else ``unknownActor``.
    var actor: String
    var action: AuditAction
    /// The numero pratica, when the event concerns one case.
    var caseNumber: String?
    /// A short precision (a state, a file id, a client address); never answers or a codice fiscale.
    var detail: String?

    init(at: Date, actor: String, action: AuditAction, caseNumber: String? = nil, detail: String? = nil) {
        self.at = at
        self.actor = actor
        self.action = action
        self.caseNumber = caseNumber
        self.detail = detail
    }

    /// The actor of a failed login whose name is no account's: what was typed may be a password.
    static let unknownActor = "(nome sconosciuto)"
    /// The actor of what the retention job does.
    static let retentionActor = "retention"
}
