/// `voucher:` of a form: the form is a voucher measure (buoni spesa, OCDPC 658/2020; issue 19).
/// Accepting one of its cases issues the household a voucher worth the case's benefit amount, which
/// the shops enrolled for the form's `measure:` redeem until ``validUntil``.
///
/// ```yaml
/// measure: misura-1-buoni-spesa
/// benefit: { household_group: componenti, amounts: [150, 250, 350] }
/// voucher:
///   valid_until: 2027-03-31
///   one_per_applicant: true   # the default
/// ```
public struct VoucherTerms: Sendable, Hashable {
    /// The last day a voucher can be spent, Europe/Rome; from the next day it is expired.
    public var validUntil: ContentDate
    /// Whether a case is refused at acceptance when another case of the same measure, with the same
    /// applicant's codice fiscale, already has a voucher that can still be spent (double funding of
    /// one person); `one_per_applicant: false` lets the comune give one person more vouchers.
    public var onePerApplicant: Bool

    public init(validUntil: ContentDate, onePerApplicant: Bool = true) {
        self.validUntil = validUntil
        self.onePerApplicant = onePerApplicant
    }
}

/// `merchant_enrolment:` of a form: the form enrols shops for voucher measures (issue 19). Accepting
/// one of its cases makes the shop a merchant of ``measures``, with the name, partita IVA and IBAN
/// its answers give; its staff then redeem vouchers of those measures.
///
/// ```yaml
/// merchant_enrolment:
///   measures: [misura-1-buoni-spesa]
///   name: insegna
///   account_holder: ragione_sociale
///   columns:
///     category: categoria
///     address: [indirizzo, cap, comune]
///     hours: orari
///     phone: telefono
/// ```
///
/// The partita IVA is the answer to the form's one `partita_iva` field and the IBAN to its one `iban`
/// field; `name` names the text field with the shop's name as customers know it. All three are
/// required and always asked (no `when:`), so every accepted case has them. `account_holder`
/// (optional) names the text field with the holder of the account (the ragione sociale), the name the
/// SEPA reimbursement pays. `columns` (optional) says which answers fill which columns of the
/// `esercenti.csv` rows `piazza merchants export` writes.
public struct MerchantEnrolment: Sendable, Hashable {
    /// Slugs of the measures (pages in `misure/`, as in `esercenti.csv`) the shop redeems vouchers of.
    public var measures: [String]
    /// Where `measures:` is written, for the check that each is a measure page of the portal.
    public var measuresLocation: SourceLocation
    /// The fields whose answers are the shop's name, partita IVA and IBAN.
    public var nameField: String
    public var partitaIVAField: String
    public var ibanField: String
    /// The text field whose answer is the account holder's name (the ragione sociale); `nil` when the
    /// form does not ask it, and the shop's name stands for it.
    public var accountHolderField: String?
    /// By `esercenti.csv` column (one of ``Merchant/mappedColumns``), the fields whose answers fill it,
    /// in order, the non-empty ones joined by `, ` (`address: [indirizzo, cap, comune]`). A column not
    /// listed is left empty.
    public var columns: [String: [String]]

    public init(
        measures: [String], measuresLocation: SourceLocation, nameField: String, partitaIVAField: String,
        ibanField: String, accountHolderField: String? = nil, columns: [String: [String]] = [:]
    ) {
        self.measures = measures
        self.measuresLocation = measuresLocation
        self.nameField = nameField
        self.partitaIVAField = partitaIVAField
        self.ibanField = ibanField
        self.accountHolderField = accountHolderField
        self.columns = columns
    }
}
