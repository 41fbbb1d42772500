import PiazzaContent

extension DaemonConfig.Limits {
    /// `rule` as the daemon enforces it: its size lowered to ``fileBytes`` when larger, since the daemon reads a
    /// larger file without its bytes and refuses it at its field. What the daemon's pages tell a citizen about a
    /// file (``FileRule/summary``) comes from here, so it is the limit the citizen meets.
    func enforced(_ rule: FileRule) -> FileRule {
        rule.maxBytes <= fileBytes ? rule : FileRule(accept: rule.accept, maxBytes: fileBytes)
    }

    /// `form` as the daemon enforces it: every file field's rule through ``enforced(_:)-(FileRule)``,
    /// for the form pages the daemon renders (the form shown again with errors, the assisted submission). The page
    /// the generator published was rendered without the daemon's settings: it tells the form's own `max_bytes`, and
    /// the daemon warns at start when that is larger (``IntakeApp/warnAboutSettings(_:config:logger:)``).
    func enforced(_ form: FormDefinition) -> FormDefinition {
        guard form.fields.contains(where: exceeds) else { return form }
        var form = form
        form.sections = form.sections.map { section in
            var section = section
            section.fields = section.fields.map(enforced)
            return section
        }
        return form
    }

    /// Whether `field` allows a file over ``fileBytes`` (file fields are top-level: a group holds none).
    func exceeds(_ field: FormField) -> Bool { (field.file?.maxBytes ?? 0) > fileBytes }

    private func enforced(_ field: FormField) -> FormField {
        guard let rule = field.file else { return field }
        var field = field
        field.rule = .file(enforced(rule))
        return field
    }
}
