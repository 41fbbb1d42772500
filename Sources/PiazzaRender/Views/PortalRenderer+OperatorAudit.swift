extension PortalRenderer {
    /// A page of the portal's audit log, for admins, in the portal's look.
    public func renderOperatorAudit(_ audit: OperatorAuditView) throws(ThemeError) -> String {
        let base = baseContext(
            title: audit.title, description: nil, links: daemonLinks, layout: "operator", breadcrumb: [], section: "")
        return try render("operator-audit", base: base, ["audit": audit.context])
    }

    /// The data-subject access form, for admins, in the portal's look.
    public func renderOperatorSubjectAccess(_ form: OperatorSubjectAccessView) throws(ThemeError) -> String {
        let base = baseContext(
            title: "Dati di un interessato", description: nil, links: daemonLinks, layout: "operator", breadcrumb: [],
            section: "")
        let context: [String: Any] = [
            "actionURL": form.actionURL, "csrf": form.csrf, "typed": form.typed, "typedContact": form.typedContact,
            "error": form.error ?? false,
        ]
        return try render("operator-subject", base: base, ["subject": context])
    }
}
