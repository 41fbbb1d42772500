import Foundation
import ItalianIdentifiers
import PiazzaContent

/// The rules of recording payments (issue 14 item 4), in one place: what an operator must type,
/// which cases may be paid, and what the ragioneria's list shows of each.
enum Payments {
    /// Longest reference kept, in characters (a mandato number, a CRO or TRN of 30–35 characters).
    static let referenceLimit = 100
    /// SEPA remittance information is at most 140 characters (EPC unstructured remittance).
    static let causaleLimit = 140

    /// A payment that cannot be recorded, with the message for the operator (Italian).
    struct Refusal: Error, Sendable, Equatable {
        let message: String
    }

    /// The date and reference an operator typed, checked.
    ///
    /// - Parameter today: the date in Rome now; a payment cannot be dated later.
    /// - Returns: the date and the reference normalised (``TypedText/normalized(_:multiline:)``).
    /// - Throws: ``Refusal`` for a missing, malformed or future date, and for a missing or too long reference.
    static func check(date: String, reference: String, today: ItalianDate) throws(Refusal) -> (
        date: ItalianDate, reference: String
    ) {
        let day: ItalianDate
        do { day = try ItalianDate(date) } catch {
            throw Refusal(message: "Data del pagamento: \(error.message)")
        }
        guard day <= today else {
            throw Refusal(message: "Data del pagamento: non può essere dopo oggi (\(today.italian)).")
        }
        let text = TypedText.normalized(reference)
        guard !text.isEmpty else {
            throw Refusal(message: "Riferimento: scrivi il numero del mandato o il CRO del bonifico.")
        }
        do { try TypedText.checkLength(text, limit: referenceLimit) } catch {
            throw Refusal(message: "Riferimento: \(error.message)")
        }
        return (day, text)
    }

    /// Why the case numbered `number` in `state`, with `benefitCents`, a payment or not and a voucher
    /// or not (`inVouchers`), cannot be marked paid; `nil` when it can (``PaymentState/due``).
    static func refusal(
        number: String, state: ApplicationState, benefitCents: Int?, paid: PaymentRecord?, inVouchers: Bool
    ) -> String? {
        if let paid { return alreadyPaid(number, paid) }
        guard state == .accepted else {
            return "La pratica \(number) non è accolta (stato: \(Pages.stateLabel(state).lowercased())): "
                + "si paga solo una pratica accolta."
        }
        guard !inVouchers else {
            return "La pratica \(number) è erogata con un buono spesa: non si paga con un bonifico al cittadino, "
                + "si rimborsano gli esercenti."
        }
        guard let benefitCents, benefitCents > 0 else {
            return "La pratica \(number) non ha un importo da pagare."
        }
        return nil
    }

    /// Why the benefit amount of the case numbered `number` cannot be changed: once its payment is
    /// recorded, the amount is what the ragioneria transferred (``PaymentRecord/amountCents``) and
    /// changing it would make the case and its payment disagree. `nil` when it can be changed.
    static func benefitChangeRefusal(number: String, paid: PaymentRecord?) -> String? {
        paid.map { alreadyPaid(number, $0) + " L'importo pagato non si può più modificare." }
    }

    private static func alreadyPaid(_ number: String, _ paid: PaymentRecord) -> String {
        let day = ContentDate(iso: paid.paidOn)?.italian ?? paid.paidOn
        return "La pratica \(number) risulta già pagata il \(day) (riferimento \(paid.reference))."
    }

    /// The IBAN the citizen gave: the answer to the form's first `iban` field, if any.
    static func iban(in answers: ValidatedApplication, form: FormDefinition?) -> String? {
        guard let field = form?.fields.first(where: { $0.type == .iban }),
            case .text(let iban) = answers[field.name]
        else { return nil }
        return iban
    }

    /// The transfer's description: `Contributo «Buoni spesa» – pratica 2026-0000042`, at most
    /// ``causaleLimit`` characters (the form's title is shortened, never the number).
    static func causale(number: String, formTitle: String) -> String {
        let tail = "» – pratica \(number)"
        let room = causaleLimit - "Contributo «".count - tail.count
        let title = formTitle.count > room ? String(formTitle.prefix(room - 1)) + "…" : formTitle
        return "Contributo «\(title)\(tail)"
    }
}
