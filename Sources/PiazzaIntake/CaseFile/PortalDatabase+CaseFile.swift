import Foundation
import GRDB

/// Another application of the same household, as the case page lists it.
struct HouseholdApplication: Sendable, Hashable {
    var number: String
    var formID: String
    var submittedAt: Date
    var state: ApplicationState
}

/// Everything the operators' case page shows of one application.
struct CaseFile: Sendable {
    var stored: StoredApplication
    /// The uploads: the intake's, then those of integration replies, in the order stored.
    var files: [FileRecord]
    /// Oldest first.
    var messages: [CaseMessage]
    /// Oldest first.
    var benefitChanges: [BenefitChange]
    /// Newest first, at most ``PortalDatabase/householdLimit``.
    var household: [HouseholdApplication]
    /// Whether the application's form grants an amount (``BenefitForms``): else the case page has no amount
    /// controls, nor a reason for their absence.
    var grantsAmount: Bool
    /// Why the benefit amount of a form that grants one cannot be set (paid, voucher issued:
    /// ``PortalDatabase/benefitChangeRefusal(applicationID:number:formID:benefitForms:in:)``); `nil` while it
    /// can, and for a form that grants none.
    var benefitLocked: String?
}

extension PortalDatabase {
    /// Most applications of the same household a case page lists.
    static let householdLimit = 50

    /// The case file of the application numbered `number`, whose amount may be set when its form is one of
    /// `benefitForms`; `nil` when this portal has none.
    func caseFile(number: String, benefitForms: BenefitForms) async throws -> CaseFile? {
        try await writer.read { db in
            guard
                let stored =
                    try ApplicationRecord
                    .filter(Column(ApplicationRecord.CodingKeys.number) == number)
                    .including(all: ApplicationRecord.events)
                    .asRequest(of: StoredApplication.self)
                    .fetchOne(db),
                let id = stored.application.id
            else { return nil }
            let grants = benefitForms.grants(formID: stored.application.formID)
            return CaseFile(
                stored: stored,
                files: try FileRecord.filter(Column(FileRecord.CodingKeys.applicationID) == id)
                    .order(Column(FileRecord.CodingKeys.id)).fetchAll(db),
                messages: try Self.messages(of: id, in: db),
                benefitChanges: try BenefitChange.filter(Column(BenefitChange.CodingKeys.applicationID) == id)
                    .order(Column(BenefitChange.CodingKeys.id)).fetchAll(db),
                household: try Self.household(of: id, in: db),
                grantsAmount: grants,
                benefitLocked: grants
                    ? try Self.benefitChangeRefusal(
                        applicationID: id, number: number, formID: stored.application.formID,
                        benefitForms: benefitForms, in: db) : nil)
        }
    }

    /// The messages to the citizen of the application with receipt `token`, oldest first.
    func messages(token: String) async throws -> [CaseMessage] {
        try await writer.read { db in
            guard
                let id = try Int64.fetchOne(db, sql: "SELECT id FROM applications WHERE token = ?", arguments: [token])
            else { return [] }
            return try Self.messages(of: id, in: db)
        }
    }

    /// The upload `fileID`, when it belongs to the application numbered `number`; `nil` otherwise
    /// (another case's file, or no such file): a file is only ever reached through its own case.
    func attachment(number: String, fileID: Int64) async throws -> FileRecord? {
        try await writer.read { db in
            try FileRecord.fetchOne(
                db,
                sql: """
                    SELECT f.* FROM files f JOIN applications a ON a.id = f.application_id
                    WHERE f.id = ? AND a.number = ?
                    """, arguments: [fileID, number])
        }
    }

    /// Stores a message to the citizen about the application numbered `number`.
    ///
    /// - Returns: the application (for the e-mail's address and link); `nil` when this portal has no
    ///   such application, and nothing is written then.
    /// - Throws: GRDB's error when the transaction fails.
    func addMessage(number: String, text: String, author: String, at date: Date) async throws -> ApplicationRecord? {
        try await committer.write { db in
            guard
                let application = try ApplicationRecord.filter(Column(ApplicationRecord.CodingKeys.number) == number)
                    .fetchOne(db),
                let id = application.id
            else { return nil }
            var message = CaseMessage(applicationID: id, at: date, author: author, text: text)
            try message.insert(db)
            try AuditChain.append(AuditEvent(at: date, actor: author, action: .message, caseNumber: number), in: db)
            return application
        }
    }

    /// What ``setBenefit(number:cents:reason:actor:at:seen:benefitForms:)`` did.
    enum BenefitSetting: Sendable, Equatable {
        case changed
        /// This portal has no such application.
        case notFound
        /// The amount cannot be set (``PortalDatabase/benefitChangeRefusal(applicationID:number:formID:benefitForms:in:)``),
        /// with the message for the operator.
        case refused(String)
    }

    /// Sets the benefit amount of the application numbered `number` to `cents` (not negative), and
    /// records the change with the amount before, who, when and why.
    ///
    /// A case whose form grants no amount (not one of `benefitForms`), or that is paid or has its voucher, is
    /// refused, checked inside the write transaction (the writer is single), so an amount never changes
    /// after, or while, its payment is recorded.
    ///
    /// - Parameter seen: the ``CaseVersion/token`` of the page the amount was typed on; refused when the case
    ///   has changed since, in the same transaction (``CaseVersion/refusal(seen:)``).
    /// - Returns: ``BenefitSetting/changed``, or why not; nothing is written unless changed.
    /// - Throws: GRDB's error when the transaction fails.
    func setBenefit(
        number: String, cents: Int, reason: String, actor: String, at date: Date, seen: String? = nil,
        benefitForms: BenefitForms
    ) async throws -> BenefitSetting {
        precondition(cents >= 0, "a benefit is never negative")
        return try await committer.write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT id, form_id, benefit_cents FROM applications WHERE number = ?",
                    arguments: [number])
            else { return .notFound }
            let id: Int64 = row["id"]
            if let refusal = try CaseVersion.of(applicationID: id, in: db).refusal(seen: seen) {
                return .refused(refusal.message)
            }
            if let refusal = try Self.benefitChangeRefusal(
                applicationID: id, number: number, formID: row["form_id"], benefitForms: benefitForms, in: db)
            {
                return .refused(refusal)
            }
            try db.execute(sql: "UPDATE applications SET benefit_cents = ? WHERE id = ?", arguments: [cents, id])
            var change = BenefitChange(
                applicationID: id, at: date, actor: actor, previousCents: row["benefit_cents"], cents: cents,
                reason: reason)
            try change.insert(db)
            try AuditChain.append(
                AuditEvent(at: date, actor: actor, action: .changeBenefit, caseNumber: number, detail: String(cents)),
                in: db)
            return .changed
        }
    }

    /// Why the benefit amount of application `id` (numbered `number`, of form `formID`) cannot be set: its
    /// form grants no amount (``BenefitForms``), its payment is recorded
    /// (``Payments/benefitChangeRefusal(number:paid:)``) or its voucher is issued
    /// (``PortalDatabase/voucherBenefitRefusal(applicationID:number:in:)``); `nil` while it can. One rule
    /// for the refusal of a change and for the case page, which then shows the reason, not the form.
    static func benefitChangeRefusal(
        applicationID id: Int64, number: String, formID: String, benefitForms: BenefitForms, in db: Database
    ) throws -> String? {
        if let refusal = benefitForms.refusal(formID: formID, number: number) { return refusal }
        let paid = try payments(of: [id], in: db)[id]
        return try Payments.benefitChangeRefusal(number: number, paid: paid)
            ?? voucherBenefitRefusal(applicationID: id, number: number, in: db)
    }

    /// The messages to the citizen of application `id`, oldest first.
    static func messages(of id: Int64, in db: Database) throws -> [CaseMessage] {
        try CaseMessage.filter(Column(CaseMessage.CodingKeys.applicationID) == id)
            .order(Column(CaseMessage.CodingKeys.id)).fetchAll(db)
    }

    /// The other applications of the same household as application `id`, newest first.
    ///
    /// Two applications are of the same household when the codici fiscali their forms declare as the
    /// household share at least one: the fields a form lists under `checks.household` (the
    /// applicant's `codice_fiscale` and the members of the repeated group, `componenti.codice_fiscale`),
    /// stored de-omocodified at intake in `household_members` (``ApplicationChecks/householdCheck(_:)``).
    /// Unlike the one-per-household check, this looks across every form, measure and bando window of
    /// the portal: the office sees the family's whole story. A form without `checks.household`
    /// declares no household, so its applications are never listed here nor list others.
    private static func household(of id: Int64, in db: Database) throws -> [HouseholdApplication] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT number, form_id, submitted_at, state FROM applications WHERE id IN (
                    SELECT other.application_id FROM household_members mine
                    JOIN household_members other
                        ON other.fiscal_code = mine.fiscal_code AND other.application_id <> mine.application_id
                    WHERE mine.application_id = ?)
                ORDER BY submitted_at DESC, id DESC LIMIT ?
                """, arguments: [id, householdLimit])
        return rows.compactMap { row in
            guard let date = Timestamp.date(row["submitted_at"]), let state = ApplicationState(rawValue: row["state"])
            else { return nil }
            return HouseholdApplication(number: row["number"], formID: row["form_id"], submittedAt: date, state: state)
        }
    }
}
