/// A problem with one posted value, shown next to the field and in the error summary.
///
/// A value its type's parser refuses (an identifier, date, number or amount: ItalianIdentifiers'
/// `IdentifierError`) is ``Code/invalid``; every other code is a rule of the form's field.
public struct FieldError: Sendable, Hashable {
    /// Stable kinds of problem, for logs and counts (never the value itself).
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A required field, choice, box or upload left empty; too few group rows.
        case missing
        /// The type refuses the value: a codice fiscale, IBAN, date, number or amount that does not parse.
        case invalid
        /// Longer than the field's ``FormField/characterLimit`` (or, unread, its ``FormField/postedByteLimit``), or
        /// one character with too many marks.
        case tooLong = "too_long"
        /// A name that takes one value posted more than once (no form page does that).
        case repeated
        /// Outside the field's `min`/`max`.
        case outOfBounds = "out_of_bounds"
        /// Not an e-mail address or phone number as forms accept them.
        case format
        /// Not one of the field's options.
        case notAnOption = "not_an_option"
        /// An upload of a type the field does not accept, larger than its `max_bytes`, or with too long a name.
        case file
        /// More group rows than the field's `max`.
        case tooManyRows = "too_many_rows"
    }

    /// The stable kind of problem.
    public var code: Code
    /// The posted name (`codice_fiscale`, `componenti.1.codice_fiscale`, `isee.dsu`).
    public var name: String
    /// The field's label, for the error summary.
    public var label: String
    /// What is wrong and how to fix it, in plain Italian.
    public var message: String

    public init(_ code: Code, name: String, label: String, message: String) {
        self.code = code
        self.name = name
        self.label = label
        self.message = message
    }
}
