/// The kinds of input a form field can be.
public enum FieldType: String, Sendable, Hashable, CaseIterable {
    case text, textarea, email, tel, date, number, money, select, radio, checkbox, consent, file, group
    case codiceFiscale = "codice_fiscale"
    case partitaIVA = "partita_iva"
    case iban, cap, isee

    /// Types that choose among `options`.
    public var hasOptions: Bool { self == .select || self == .radio || self == .checkbox }
}
