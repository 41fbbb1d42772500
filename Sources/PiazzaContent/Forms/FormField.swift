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
    /// Longest accepted text (text, textarea).
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

    /// Whether a checkbox field is a single yes/no box rather than a list of choices.
    public var isSingleCheckbox: Bool { type == .checkbox && options.isEmpty }
}
