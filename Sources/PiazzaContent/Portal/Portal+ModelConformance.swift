/// What the Designers Italia model needs from content, as AgID's checker (`italia/pa-website-validator-ng`)
/// reads it, and a portal may lack. The build goes on (the site works), but each gap costs an audit, so the
/// editor hears of it at its place.
extension Portal {
    /// One warning per gap: a contacts address the JSON-LD cannot split into street, CAP and locality
    /// (R.SI.1.1).
    public var modelWarnings: DiagnosticList {
        var warnings = DiagnosticList()
        let contacts = config.contacts
        if let address = contacts.address, let place = contacts.addressLocation, PostalAddress(parsing: address) == nil
        {
            warnings.append(
                Diagnostic(
                    .warning, file: place.file, line: place.line, column: place.column,
                    message:
                        "`contacts.address` '\(address)' is not `street, CAP locality (PR)`: the services' JSON-LD has no serviceLocation.address (AgID R.SI.1.1); write e.g. `Via Roma 1, 35010 Vigonza (PD)`"
                ))
        }
        return warnings
    }
}
