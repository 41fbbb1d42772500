import Foundation
import GRDB
import ItalianIdentifiers
import PiazzaContent

/// What accepting a case creates besides the workflow's step (issue 19), in the step's own write
/// transaction: the voucher of a case of a voucher measure (``PiazzaContent/VoucherTerms``), the
/// merchant of a shop's enrolment (``PiazzaContent/MerchantEnrolment``). Either both the step and
/// its row are stored, or neither.
///
/// Built from the portal's forms; the back office passes its portal's to
/// ``PortalDatabase/changeState(number:to:reason:actor:at:seen:effects:)``.
struct AcceptanceEffects: Sendable {
    /// The voucher terms, measure and file (``PiazzaContent/FormDefinition/source``) of each voucher form,
    /// by form id.
    private let vouchers: [String: (terms: VoucherTerms, measure: String, source: String)]
    /// The enrolment of each shop-enrolment form, by form id.
    private let enrolments: [String: MerchantEnrolment]

    /// Nothing besides the step: for portals without voucher measures, and steps that never accept.
    static let none = AcceptanceEffects(forms: [])

    init(forms: [FormDefinition]) {
        var vouchers: [String: (VoucherTerms, String, String)] = [:]
        var enrolments: [String: MerchantEnrolment] = [:]
        for form in forms {
            if let terms = form.voucher, let measure = form.measure {
                vouchers[form.id] = (terms, measure, form.source)
            }
            if let enrolment = form.merchantEnrolment { enrolments[form.id] = enrolment }
        }
        self.vouchers = vouchers
        self.enrolments = enrolments
    }

    /// Creates what accepting `application` (row `id`) creates, by `actor` at `date`, inside the
    /// caller's write transaction, with its audit entry.
    ///
    /// - Returns: why the case cannot be accepted, with nothing written: a voucher case without a
    ///   benefit amount, accepted after its vouchers' last day (``expiredVoucher(formID:on:)``), or whose
    ///   applicant's codice fiscale has a voucher of the same measure, still
    ///   spendable, from another case (unless the form says `one_per_applicant: false`,
    ///   ``VoucherTerms/onePerApplicant``); an enrolment of a shop whose partita IVA is enrolled already, or whose
    ///   answers lack one of the three values. `nil` once the rows are written, or when the form has
    ///   no effect.
    /// - Throws: GRDB's error.
    func create(for application: ApplicationRecord, id: Int64, actor: String, at date: Date, in db: Database) throws
        -> Workflow.Refusal?
    {
        // Every refusal is decided before the first write: a refused step leaves nothing behind.
        let voucher = vouchers[application.formID]
        if voucher != nil, (application.benefitCents ?? 0) <= 0 {
            return Workflow.Refusal(
                message: "La pratica non ha un importo del beneficio: il buono spesa vale quell'importo. "
                    + "Imposta l'importo, poi accogli la pratica.")
        }
        if let refusal = expiredVoucher(formID: application.formID, on: date) { return refusal }
        if let (terms, measure, _) = voucher, terms.onePerApplicant,
            let other = try PortalDatabase.otherVoucherCase(
                applicationID: id, measure: measure, on: ContentDateTime.romeDay(of: date), in: db)
        {
            return Workflow.Refusal(
                message: "Il richiedente di questa pratica, con lo stesso codice fiscale, ha già un buono spesa di "
                    + "questa misura con la pratica \(other): accogliendo anche questa riceverebbe due buoni. "
                    + "Respingi questa domanda, o controlla la pratica \(other). Se il Comune dà più buoni alla "
                    + "stessa persona, il modulo deve dirlo (one_per_applicant: false sotto voucher).")
        }
        var merchant: (record: MerchantRecord, measures: [String])?
        if let enrolment = enrolments[application.formID] {
            let answers = application.answers.application
            func text(_ field: String) -> String? {
                if case .text(let value) = answers[field] { return value } else { return nil }
            }
            guard let name = text(enrolment.nameField), let typed = text(enrolment.partitaIVAField),
                let partitaIVA = try? PartitaIVA(typed), let iban = text(enrolment.ibanField)
            else {
                return Workflow.Refusal(
                    message: "Nella domanda mancano il nome del negozio, la partita IVA o l'IBAN: non si può "
                        + "iscrivere il negozio. Chiedi un'integrazione.")
            }
            if let enrolled = try PortalDatabase.enrollingCase(partitaIVA: partitaIVA.value, in: db) {
                return Workflow.Refusal(
                    message: "Il negozio con partita IVA \(partitaIVA.value) è già iscritto (pratica \(enrolled)): "
                        + "respingi questa domanda o segnala che è stata ritirata.")
            }
            merchant = (
                MerchantRecord(
                    partitaIVA: partitaIVA.value, name: name, iban: iban, applicationID: id, enrolledAt: date),
                enrolment.measures
            )
        }
        if let (terms, measure, _) = voucher, let cents = application.benefitCents {
            try PortalDatabase.issueVoucher(
                applicationID: id, number: application.number, cents: cents, measure: measure,
                validUntil: terms.validUntil, actor: actor, at: date, in: db)
        }
        if let merchant {
            try PortalDatabase.enrolMerchant(
                merchant.record, measures: merchant.measures, number: application.number, actor: actor, in: db)
        }
        return nil
    }

    /// Why a case of form `formID` cannot be accepted at `date`: the form issues vouchers whose last day
    /// (`voucher.valid_until`) is before the day of `date` in Rome (``VoucherRecord/hasExpired(lastDay:on:)``,
    /// the till's rule: on the last day itself a voucher is still spent), so the voucher would be expired
    /// at issue and refused at every till (findings-s12 #1). The refusal of the step and the warning of the
    /// case page, one text; `nil` for a form without vouchers or while they can be spent.
    func expiredVoucher(formID: String, on date: Date) -> Workflow.Refusal? {
        guard let (terms, _, source) = vouchers[formID],
            VoucherRecord.hasExpired(lastDay: terms.validUntil, on: ContentDateTime.romeDay(of: date))
        else { return nil }
        return Workflow.Refusal(
            message: "I buoni spesa di questa misura valevano fino al \(terms.validUntil.italian): accolta oggi, la "
                + "pratica darebbe al cittadino un buono già scaduto, che nessun negozio può incassare. Per dare il "
                + "buono, chi cura il sito sposti più avanti la data valid_until sotto voucher nel modulo "
                + "\(source) (il servizio la legge quando riparte); altrimenti respingi la pratica o lasciala in "
                + "istruttoria.")
    }
}
