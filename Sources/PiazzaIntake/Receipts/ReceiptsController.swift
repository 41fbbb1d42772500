import Foundation
import Hummingbird
import PiazzaContent

/// `GET /r/{token}`: the receipt and status page of an application or of a booking, from whichever
/// portal stored it; `GET /r/{token}/buono`: the printable voucher the application's case issued.
struct ReceiptsController: Sendable {
    let portals: [String: PortalRuntime]
    /// Where the public prefix of a booking's cancel button comes from.
    let redirect: Redirect
    let clock: @Sendable () -> Date

    func addRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("r/:token", only: [.get: receipt])
        router.on("r/:token/buono", only: [.get: voucher])
    }

    @Sendable func receipt(_ request: Request, context: IntakeContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard RandomToken.isWellFormed(token) else { throw notFound }
        for runtime in portals.values.sorted(by: { $0.portal.id < $1.portal.id }) {
            guard let stored = try await runtime.database.application(token: token) else { continue }
            let page = try await Self.receiptPage(stored, in: runtime)
            return .page(.ok, page, headers: [.init("X-Robots-Tag")!: "noindex"])
        }
        for runtime in portals.values.sorted(by: { $0.portal.id < $1.portal.id }) {
            guard let booking = try await runtime.database.booking(token: token) else { continue }
            let page = try runtime.pages.bookingReceipt(
                booking, calendar: runtime.portal.calendar(id: booking.calendarID),
                receiptURL: redirect.path("/r/\(token)"),
                waitlistPosition: try await runtime.database.waitlistPosition(token: token), now: clock())
            return .page(.ok, page, headers: [.init("X-Robots-Tag")!: "noindex"])
        }
        throw notFound
    }

    /// The printable voucher; 404 for an unknown token and for an application whose case issued none.
    @Sendable func voucher(_ request: Request, context: IntakeContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard RandomToken.isWellFormed(token) else { throw notFound }
        for runtime in portals.values.sorted(by: { $0.portal.id < $1.portal.id }) {
            guard let stored = try await runtime.database.application(token: token) else { continue }
            guard let account = try await Self.voucherAccount(of: stored, in: runtime) else {
                throw PageError(
                    .notFound, portal: runtime.portal.id, "Buono non trovato",
                    "Questa domanda non ha un buono spesa: il buono arriva quando la domanda è accolta.")
            }
            let page = try runtime.pages.voucherPrint(account, number: stored.application.number, token: token)
            return .page(.ok, page, headers: [.init("X-Robots-Tag")!: "noindex"])
        }
        throw notFound
    }

    /// The receipt page of `stored`, one of `runtime`'s applications, with its messages and voucher; with
    /// `reply` and `replyErrors`, the reply to an integration request the daemon refused
    /// (``IntegrationController``), shown again (``Pages/receipt(_:form:messages:voucher:reply:replyErrors:)``).
    static func receiptPage(
        _ stored: StoredApplication, in runtime: PortalRuntime, reply: String = "", replyErrors: [FieldError] = []
    ) async throws -> String {
        try runtime.pages.receipt(
            stored, form: runtime.portal.form(id: stored.application.formID),
            messages: try await runtime.database.messages(token: stored.application.token),
            voucher: try await voucherAccount(of: stored, in: runtime), reply: reply, replyErrors: replyErrors)
    }

    private static func voucherAccount(of stored: StoredApplication, in runtime: PortalRuntime) async throws
        -> VoucherAccount?
    {
        guard let id = stored.application.id else { return nil }
        return try await runtime.database.voucherAccount(applicationID: id)
    }

    private var notFound: PageError { Self.notFound(portals) }

    /// The answer to an unknown receipt token (also for posts under `/r/{token}/`): in the portal's
    /// look when the daemon serves only one; a token does not say its portal.
    static func notFound(_ portals: [String: PortalRuntime]) -> PageError {
        PageError(
            .notFound, portal: portals.count == 1 ? portals.keys.first : nil, "Ricevuta non trovata",
            "Controlla di aver copiato tutto l'indirizzo della ricevuta.")
    }
}
