import Hummingbird

extension IntakeApp {
    /// `GET /r/{token}`: the receipt and status page.
    func receipt(_ request: Request, context: IntakeContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard RandomToken.isWellFormed(token) else { return notFoundReceipt() }
        for runtime in runtimes.values.sorted(by: { $0.portal.id < $1.portal.id }) {
            guard let stored = try await runtime.database.application(token: token) else { continue }
            let page = try runtime.pages.receipt(stored, form: runtime.portal.form(id: stored.application.formID))
            return html(.ok, page, extra: [.init("X-Robots-Tag")!: "noindex"])
        }
        return notFoundReceipt()
    }

    private func notFoundReceipt() -> Response {
        message(
            .notFound, runtimes.count == 1 ? runtimes.values.first : nil, "Ricevuta non trovata",
            "Controlla di aver copiato tutto l'indirizzo della ricevuta.")
    }
}
