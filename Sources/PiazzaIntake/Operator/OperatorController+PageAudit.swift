import Foundation
import Hummingbird

/// The audit of the pages that list a portal's cases or show what people did (issue 14, item 8:
/// every view): the queue with its filters, the payments list, the dashboard, the attendance lists,
/// the rendicontazione and the feedback results. A case page (`view_case`), a download
/// (`download`), an export (`export`) and the audit log itself (`view_audit`) have entries of their
/// own; `AuditRoutesTests.everyPage` holds the table of every back-office page and which entry it
/// appends, or why it appends none.
extension OperatorController {
    /// Records that `session` read the page `page` of `runtime`'s portal (``AuditAction/viewPage``),
    /// before reading it: a page never shows what the log does not hold.
    ///
    /// - Throws: the database's error (the page is then not shown).
    func recordPageView(_ request: Request, _ session: OperatorSession, runtime: PortalRuntime, _ page: String)
        async throws
    {
        try await recordRead(
            request, AuditEvent(at: clock(), actor: session.name, action: .viewPage, detail: page),
            in: runtime.database)
    }

    /// Appends `event` (a page read, a case read, an export, a download) to `store`'s log for a `GET`,
    /// and nothing for a `HEAD`, which receives nothing (``delivers(_:)``): the one way a `GET` route
    /// writes to an audit log.
    ///
    /// - Throws: the database's error (the answer is then not sent).
    func recordRead(_ request: Request, _ event: AuditEvent, in store: some AuditLogStore) async throws {
        guard Self.delivers(request) else { return }
        try await store.appendAudit(event)
    }
}

extension QueueFilter {
    /// The filters as the audit log records them, in the form's order (`stato=inviata
    /// dal=01/06/2026 cerca=codice fiscale`): each one set, with its value, except the codice fiscale
    /// or the name searched, recorded only as a search by codice fiscale (`cerca=nome` for a name, for
    /// the same reasons).
    ///
    /// Neither the code nor a hash of it: the audit log is kept as long as the portal's database and
    /// retention never anonymises it (docs/OPERATORS.md), so a code written there would outlive the
    /// retention period of the cases it names (GDPR art. 5(1)(e), the comune's piano di
    /// conservazione, research/domain.md §3.8); and a hash is pseudonymous data, still personal
    /// (GDPR recital 26), which anyone can reverse by hashing the few plausible codes of a birth date
    /// and comune. What the log must show (who searched for a person, when, in which form's cases)
    /// holds without it; the case opened next is logged with its number (`view_case`). A numero
    /// pratica searched is kept: it names a case, not a person.
    var auditDescription: String {
        var parts: [String] = []
        switch search {
        case .number(let number)?: parts.append("cerca=" + number)
        case .fiscalCode?: parts.append("cerca=codice fiscale")
        case .name?: parts.append("cerca=nome")
        case nil: break
        }
        if let state { parts.append("stato=" + state.rawValue) }
        if let channel { parts.append("canale=" + channel.rawValue) }
        if let from { parts.append("dal=" + from.italian) }
        if let to { parts.append("al=" + to.italian) }
        if flagged { parts.append("controlli=1") }
        if overdue { parts.append("scadute=1") }
        return parts.joined(separator: " ")
    }
}
