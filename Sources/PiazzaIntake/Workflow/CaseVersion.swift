import Foundation
import GRDB

/// What a case looked like when its page was rendered, as far as the office's decisions go: its
/// newest workflow step, benefit amount change and payment (findings-s12 #2).
///
/// The case page puts ``token`` in every form that changes the case (a step of the workflow, the
/// amount, the payment) as the hidden field `versione`; the change is refused, inside its own write
/// transaction, when the case has moved on since (``refusal(seen:)``): a step taken on a page opened
/// before a colleague's request or the citizen's reply would otherwise apply to a state the operator
/// never saw. Messages to the citizen change nothing of the case and do not count.
struct CaseVersion: Sendable, Hashable {
    /// The newest change: what, who and when, for the refusal's message. At the same instant a payment is
    /// newer than an amount, and an amount than a step (the order they follow one another in).
    struct Change: Sendable, Hashable {
        /// In Italian: the state entered (`Integrata`), or what changed (`importo`).
        var what: String
        var actor: String
        var at: Date
    }

    /// `e<step id>.b<amount change id>.p<1 once paid>` (0 for none): ids only grow, none of these rows is
    /// ever deleted and a case is paid once, so a change always gives another token.
    var token: String
    var latest: Change?

    /// The version of application `id`, inside the caller's transaction.
    static func of(applicationID id: Int64, in db: Database) throws -> CaseVersion {
        func newest<Record: FetchableRecord & TableRecord>(_ type: Record.Type) throws -> Record? {
            try Record.filter(Column("application_id") == id).order(Column("id").desc).fetchOne(db)
        }
        let event = try newest(ApplicationEvent.self)
        let benefit = try newest(BenefitChange.self)
        let payment = try PaymentRecord.filter(Column(PaymentRecord.CodingKeys.applicationID) == id).fetchOne(db)
        var changes: [Change] = []
        if let event {
            let actor = event.actor.map { SubmissionChannel(rawValue: $0).map(OperatorController.channelLabel) ?? $0 }
            changes.append(Change(what: Pages.stateLabel(event.state), actor: actor ?? "", at: event.at))
        }
        if let benefit { changes.append(Change(what: "importo modificato", actor: benefit.actor, at: benefit.at)) }
        if let payment {
            changes.append(Change(what: "pagamento registrato", actor: payment.actor, at: payment.recordedAt))
        }
        return CaseVersion(
            token: "e\(event?.id ?? 0).b\(benefit?.id ?? 0).p\(payment == nil ? 0 : 1)",
            latest: changes.reduce(Change?.none) { newest, change in
                newest.map { change.at >= $0.at ? change : $0 } ?? change
            })
    }

    /// Why a change posted from a page that showed the version `seen` is refused: the case is not at that
    /// version any more. `nil` when it is, and when nothing was posted (a request that does not come from
    /// the case page, such as a script of the office's: it is checked as before, against the state only).
    func refusal(seen: String?) -> Workflow.Refusal? {
        guard let seen, seen != token else { return nil }
        let who =
            latest.map {
                " da \($0.actor) il \(Pages.dateTime($0.at)) (\($0.what))"
            } ?? ""
        return Workflow.Refusal(
            message: "La pratica è stata modificata\(who) dopo che hai aperto questa pagina: "
                + "ricarica per vedere lo stato attuale, poi decidi di nuovo. Non è stato cambiato nulla.")
    }
}

extension PortalDatabase {
    /// The version of the case numbered `number` (``CaseVersion``); `nil` when this portal has none.
    func caseVersion(number: String) async throws -> CaseVersion? {
        try await writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM applications WHERE number = ?", arguments: [number]).map {
                try CaseVersion.of(applicationID: $0, in: db)
            }
        }
    }
}
