import ItalianIdentifiers
import PiazzaContent

/// Which of a portal's forms grant an amount, the one rule of whether a case has a benefit amount an
/// operator may set (PRODUCT.md §8: the case page's benefit amount; §6: a form's benefit rule).
///
/// A form grants an amount when it computes one (`benefit:`) or belongs to an income-support measure
/// (`measure:`), whose office may set the amount by hand when the form has no rule (the demo's Misura 3
/// and 4); never when it enrols a shop (`merchant_enrolment:`). Any other form (an enrolment, a
/// registration to a service) grants nothing: its case page offers no amount form and a post of one is
/// refused (``PortalDatabase/benefitChangeRefusal(applicationID:number:formID:benefitForms:in:)``).
struct BenefitForms: Sendable {
    /// The ids of the forms that grant an amount.
    private let granting: Set<String>

    init(forms: [FormDefinition]) {
        granting = Set(forms.filter(Self.grantsAmount).map(\.id))
    }

    /// Whether `form` grants an amount (the rule above).
    static func grantsAmount(_ form: FormDefinition) -> Bool {
        form.merchantEnrolment == nil && (form.benefit != nil || form.measure != nil)
    }

    /// The largest benefit an operator may set, 100.000,00 €: above any contribution a comune grants, so a
    /// slip of a few extra digits is refused at the field instead of becoming a payment or a voucher.
    static let maximum = Money(euros: 100_000)

    /// Why `amount` cannot be a case's benefit (above ``maximum``); `nil` when it can.
    static func amountRefusal(_ amount: Money) -> String? {
        amount <= maximum
            ? nil
            : "L'importo \(amount.italian) supera il massimo di un contributo, \(maximum.italian): "
                + "controlla le cifre inserite."
    }

    /// Whether the form `formID` grants an amount: whether its case page shows the amount and its controls.
    func grants(formID: String) -> Bool { granting.contains(formID) }

    /// Why the case numbered `number`, of form `formID`, has no amount to set; `nil` when its form grants one.
    /// The answer to a post of an amount only: the case page of such a form shows no amount controls.
    func refusal(formID: String, number: String) -> String? {
        grants(formID: formID)
            ? nil
            : "La pratica \(number) è di un modulo che non assegna un importo (un'iscrizione, non un contributo): "
                + "non c'è un importo da impostare."
    }
}
