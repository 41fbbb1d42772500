import PiazzaRender

extension OperatorPages {
    /// A page of the login log (`/operator/accessi`): not a portal's, so in the back office's own look, under
    /// the operator `header`.
    func logins(_ audit: OperatorAuditView, header: OperatorHeaderView) throws(ThemeError) -> String {
        try theme.render(
            "operator-logins",
            [
                "title": audit.title, "assets": assets, "operatorRoot": root, "audit": audit.context,
                "operator": header.context,
            ])
    }
}
