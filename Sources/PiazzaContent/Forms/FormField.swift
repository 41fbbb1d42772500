/// One field of a form definition.
public struct FormField: Sendable, Hashable {
    /// Posted name, `a-z`, `0-9`, `_`.
    public var name: String
    public var type: FieldType
    public var label: String
    public var hint: String?
    public var required: Bool
    public var when: FieldCondition?
    /// HTML `autocomplete` token.
    public var autocomplete: String?
    /// Longest accepted text in user-perceived characters (text, textarea); see ``characterLimit``.
    public var maxLength: Int?
    /// Bounds for number, money (euro) and date (`YYYY-MM-DD` or `today`).
    public var min: String?
    public var max: String?
    /// Choices of select, radio and checkbox.
    public var options: [FieldOption]
    /// Accepted MIME types of a file field.
    public var accept: [String]
    /// Largest accepted upload of a file field.
    public var maxBytes: Int?
    /// Sub-fields of a group.
    public var fields: [FormField]
    /// Rows of a group: at least `minRows` filled, `maxRows` rendered.
    public var minRows: Int
    public var maxRows: Int
    /// 1-based line of the field in its YAML file, for later diagnostics.
    public var line: Int

    /// The most user-perceived characters accepted in one posted value (``TypedText/checkLength(_:limit:)``,
    /// which also bounds the stored Unicode scalars to 4 × this): `max_length` for text (default 200) and
    /// textarea (default 2000), 254 for e-mail (RFC 5321), 255 for the name of an uploaded file, 100 for every
    /// other typed value (phone, date, number, amount, identifiers, ISEE parts). `nil` for choices (select,
    /// radio, checkbox, consent, group): a choice must equal one of the form's own option values.
    public var characterLimit: Int? {
        switch type {
        case .text: maxLength ?? 200
        case .textarea: maxLength ?? 2000
        case .email: 254
        case .file: 255
        case .select, .radio, .checkbox, .consent, .group: nil
        case .tel, .date, .number, .money, .codiceFiscale, .partitaIVA, .iban, .cap, .isee: 100
        }
    }

    /// Whether a checkbox field is a single yes/no box rather than a list of choices.
    public var isSingleCheckbox: Bool { type == .checkbox && options.isEmpty }
}
