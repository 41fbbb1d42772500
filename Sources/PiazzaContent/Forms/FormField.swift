import ItalianIdentifiers

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
    /// What the field accepts beyond its type (length, bounds, file types and size, rows), decided at load
    /// with the defaults filled in.
    public var rule: FieldRule
    /// Choices of select, radio and checkbox.
    public var options: [FieldOption]
    /// `options: comuni`: the choices are the comuni of the portal that publishes the form, then "Altro
    /// comune" (``FormDefinition/withComuniOptions(_:)``), so one shared form serves every portal.
    public var optionsFromComuni = false
    /// Sub-fields of a group.
    public var fields: [FormField]
    /// 1-based line of the field in its YAML file, for later diagnostics.
    public var line: Int

    /// Longest accepted text in user-perceived characters of a text or textarea field; `nil` for other types.
    public var maxLength: Int? {
        if case .text(let maxLength) = rule { return maxLength }
        return nil
    }

    /// Accepted types and size of a file field; `nil` for other types.
    public var file: FileRule? {
        if case .file(let file) = rule { return file }
        return nil
    }

    /// How many rows of a group; `nil` for other types.
    public var rows: RowRule? {
        if case .group(let rows) = rule { return rows }
        return nil
    }

    /// The most user-perceived characters accepted in one posted value (``TypedText/checkLength(_:limit:)``,
    /// which also bounds the stored Unicode scalars to 4 × this): ``maxLength`` for text and textarea
    /// (``FieldRule/defaultTextLength``, ``FieldRule/defaultTextareaLength``), 254 for e-mail (RFC 5321), 255 for
    /// the name of an uploaded file, 100 for every other typed value (phone, date, number, amount, identifiers,
    /// ISEE parts). `nil` for choices (select, radio, checkbox, consent, group): a choice must equal one of the
    /// form's own option values.
    public var characterLimit: Int? {
        if let maxLength { return maxLength }
        switch type {
        case .email: return 254
        case .file: return 255
        case .select, .radio, .checkbox, .consent, .group: return nil
        case .text, .textarea, .tel, .date, .number, .money, .codiceFiscale, .partitaIVA, .iban, .cap, .isee:
            return 100
        }
    }

    /// The most UTF-8 bytes one posted value of this field may have before it is normalised or validated:
    /// ``characterLimit`` (for choices the longest option value, at least 100 characters) × ``TypedText/scalarsPerCharacter``
    /// scalars × 4 bytes, the longest UTF-8 scalar. No value that fits the limit once normalised comes near it (the
    /// room left covers decomposed accents and invisible characters that normalisation composes or removes), so a
    /// longer value is refused as too long unread, and the daemon reads no more of a posted value than this.
    public var postedByteLimit: Int {
        let characters = characterLimit ?? max(100, options.map(\.value.count).max() ?? 0)
        return characters * TypedText.scalarsPerCharacter * 4
    }

    /// Whether a checkbox field is a single yes/no box rather than a list of choices.
    public var isSingleCheckbox: Bool { type == .checkbox && options.isEmpty }
}
