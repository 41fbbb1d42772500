import Foundation
import GRDB

extension PortalDatabase {
    /// What ``changeState(number:to:reason:actor:at:seen:effects:)`` did.
    enum StateChange: Sendable, Equatable {
        /// The application moved and its history has the new event.
        case changed
        /// This portal has no application with that number; nothing was written.
        case notFound
        /// The workflow refused the step from the state the application had inside the transaction;
        /// nothing was written.
        case refused(Workflow.Refusal)
    }

    /// Moves the application numbered `number` to `state`, recording who (`actor`, the operator's
    /// name), when and why as an ``ApplicationEvent``.
    ///
    /// The current state is read inside the write transaction (the writer is single), so of two
    /// operators changing the same case at once the second is checked against the first's result.
    ///
    /// - Parameter seen: the ``CaseVersion/token`` of the page the step was taken on; the step is refused
    ///   when the case has changed since (``CaseVersion/refusal(seen:)``), checked in the same transaction.
    ///   `nil` checks the state only.
    /// - Parameter effects: what accepting a case of the portal's forms creates with the step (a voucher,
    ///   a merchant: ``AcceptanceEffects``), in the same transaction; a refusal of theirs refuses the step.
    /// - Throws: GRDB's error when the transaction fails; nothing is stored then.
    func changeState(
        number: String, to state: ApplicationState, reason: String?, actor: String, at date: Date,
        seen: String? = nil, effects: AcceptanceEffects = .none
    ) async throws -> StateChange {
        try await committer.write { db in
            try Self.changeState(
                number: number, to: state, reason: reason, actor: actor, at: date, seen: seen, effects: effects,
                in: db
            ).change
        }
    }

    /// The step of ``changeState(number:to:reason:actor:at:seen:effects:)`` inside the caller's write transaction.
    ///
    /// - Returns: what it did, and the application's row id when it changed.
    static func changeState(
        number: String, to state: ApplicationState, reason: String?, actor: String, at date: Date,
        seen: String? = nil, effects: AcceptanceEffects = .none, in db: Database
    ) throws -> (change: StateChange, applicationID: Int64?) {
        guard
            var application =
                try ApplicationRecord
                .filter(Column(ApplicationRecord.CodingKeys.number) == number).fetchOne(db),
            let id = application.id
        else { return (.notFound, nil) }
        if let refusal = try CaseVersion.of(applicationID: id, in: db).refusal(seen: seen) {
            return (.refused(refusal), nil)
        }
        let note: String?
        do throws(Workflow.Refusal) {
            note = try Workflow.check(from: application.state, to: state, reason: reason)
        } catch {
            return (.refused(error), nil)
        }
        if state == .accepted,
            let refusal = try effects.create(for: application, id: id, actor: actor, at: date, in: db)
        {
            return (.refused(refusal), nil)
        }
        application.state = state
        try application.update(db, columns: [ApplicationRecord.CodingKeys.state.rawValue])
        var event = ApplicationEvent(applicationID: id, at: date, state: state, note: note, actor: actor)
        try event.insert(db)
        try AuditChain.append(
            AuditEvent(at: date, actor: actor, action: .changeState, caseNumber: number, detail: state.rawValue), in: db
        )
        return (.changed, id)
    }
}
