import Foundation

/// What happened, as a route or a job reports it to an audit log (``AuditChain/append(_:in:)``):
/// who, when, what and which case. The chain adds the position and the hashes.
struct AuditEvent: Sendable, Hashable {
    var at: Date
    /// The user's name; `retention` for the scheduled job; ``commandLineActor`` for a `piazza`
    /// command; for a failed login, the name typed when it is an account's, else ``unknownActor``.
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

    /// The actor of what a `piazza` command does (`user`, `report`, `merchants export`, `backup`):
    /// `cli:` and the operating-system user running it, with the user who ran `sudo` when there is
    /// one (`cli:piazza (sudo: mario)`), so that the log says who on the server did it.
    static var commandLineActor: String {
        let user = getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "uid \(geteuid())"
        let sudo = ProcessInfo.processInfo.environment["SUDO_USER"].flatMap { $0.isEmpty || $0 == user ? nil : $0 }
        return "cli:\(user)" + (sudo.map { " (sudo: \($0))" } ?? "")
    }
}
