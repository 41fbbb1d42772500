extension FormField {
    /// `options: comuni` in a form definition.
    static let comuniOptionsKeyword = "comuni"
}

extension FormDefinition {
    /// The value of the choice after the comuni, for applicants resident elsewhere (the residence check
    /// flags it for the operators: checks never reject).
    public static let otherComuneValue = "altro"

    /// The form as published by a portal: every field written `options: comuni` (at any depth) offers the
    /// portal's comuni, value the ISTAT code and label the name, in portal.yaml order, then
    /// ``otherComuneValue`` "Altro comune". Other fields are unchanged.
    public func withComuniOptions(_ comuni: [PortalConfig.Comune]) -> FormDefinition {
        let options =
            comuni.map { FieldOption(value: $0.istat, label: $0.name) }
            + [FieldOption(value: Self.otherComuneValue, label: "Altro comune")]
        func fill(_ field: FormField) -> FormField {
            var field = field
            if field.optionsFromComuni { field.options = options }
            field.fields = field.fields.map(fill)
            return field
        }
        guard sections.contains(where: { $0.fields.contains(where: Self.usesComuni) }) else { return self }
        var form = self
        form.sections = sections.map { section in
            var section = section
            section.fields = section.fields.map(fill)
            return section
        }
        return form
    }

    private static func usesComuni(_ field: FormField) -> Bool {
        field.optionsFromComuni || field.fields.contains(where: usesComuni)
    }
}
