import Foundation
import Hummingbird
import ItalianIdentifiers
import PiazzaContent
import PiazzaRender

/// Who redeems vouchers (issue 19): shop staff (role `merchant`), on their one portal, for the shop
/// their account names. The one place of this rule.
extension OperatorSession {
    /// Whether the user reaches the voucher pages of `portal`.
    func redeemsVouchers(portal: String) -> Bool {
        role == .merchant && merchant != nil && portals.contains(portal)
    }
}

/// The shop's voucher pages: `GET|POST /operator/{portal}/buoni` (the redemption form; a post redeems
/// and answers 200 with the form, the purchase and the voucher's balance left, or 422 with the form
/// and the reason, or 409 when the form was used for another purchase),
/// `GET /operator/{portal}/buoni/incassi/{id}` (one redemption of the shop, with the form for the
/// next one) and `POST /operator/{portal}/buoni/incassi/{id}/annulla` (voids it within
/// `vouchers.void_minutes`). Anyone but the shop's staff gets the 404 of an unknown path.
///
/// A voucher's code spends its balance, and a shop's staff can open every page of the shop: after the
/// purchase the pages show the code masked (``ShopStatement/maskedCode(_:)``), and the balance only
/// on the answer to the purchase's own post, never on a page opened later or by its id.
extension OperatorController {
    /// How many of the shop's redemptions the page lists.
    static let recentRedemptions = 20

    func addVoucherRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("operator/:portal/buoni", only: [.get: voucherPage, .post: redeem])
        router.on("operator/:portal/buoni/incassi/:id", only: [.get: redemptionPage])
        router.on("operator/:portal/buoni/incassi/:id/annulla", only: [.post: voidRedemption])
    }

    /// The shop of a voucher route.
    struct Shop {
        let session: OperatorSession
        let runtime: PortalRuntime
        let merchant: EnrolledMerchant

        var id: Int64 { merchant.merchant.id ?? 0 }
    }

    @Sendable func voucherPage(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let session = try await session(of: request) else { return redirect.seeOther("/operator/login") }
        let shop = try await shop(for: session, context: context)
        return try await voucherPage(.ok, shop, code: "", amount: "", key: RandomToken.make(), error: nil, outcome: nil)
    }

    @Sendable func redemptionPage(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let session = try await session(of: request) else { return redirect.seeOther("/operator/login") }
        let shop = try await shop(for: session, context: context)
        let entry = try await redemption(of: shop, context: context)
        return try await voucherPage(
            .ok, shop, code: "", amount: "", key: RandomToken.make(), error: nil,
            outcome: outcome(entry, shop, balanceCents: nil))
    }

    /// What happened to the shop's redemption `entry`, with the voucher's code masked; the balance left
    /// only when given, on the answer to the purchase's post.
    private func outcome(_ entry: RedemptionEntry, _ shop: Shop, balanceCents: Int?) -> VoucherRedemptionView.Outcome {
        let record = entry.redemption
        let amount = Money(cents: record.amountCents)
        let code = ShopStatement.maskedCode(entry.code)
        if let voidedAt = record.voidedAt {
            return VoucherRedemptionView.Outcome(
                title: "Incasso annullato",
                text: "L'incasso di \(amount) del \(Pages.dateTime(record.at)) dal buono \(code) è stato annullato il "
                    + "\(Pages.dateTime(voidedAt)): l'importo è tornato sul buono.",
                redemption: redemptionView(entry, shop))
        }
        let balance = balanceCents.map { " Saldo rimasto sul buono: \(Money(cents: $0))." } ?? ""
        return VoucherRedemptionView.Outcome(
            title: "Buono incassato",
            text: "Incassati \(amount) dal buono \(code) il \(Pages.dateTime(record.at)).\(balance)",
            redemption: redemptionView(entry, shop))
    }

    /// Redeems the voucher typed in `codice` for the amount in `importo` (``PortalDatabase/redeem(code:cents:merchantID:staff:key:at:)``);
    /// 200 with the purchase, the balance left and a new form; the same for a repeated post of the same
    /// page and values; 409 with a new form and the earlier purchase for the same page with other values.
    ///
    /// - Throws: ``PageError`` 403 without the session's token, 400 without the page's one-time key,
    ///   404 for anyone but the shop's staff.
    @Sendable func redeem(_ request: Request, context: IntakeContext) async throws -> Response {
        let form = try await Self.read(request)
        let session = try await postingSession(of: request, form: form)
        let shop = try await shop(for: session, context: context)
        guard let key = form.values[Redemptions.keyField]?.first, RandomToken.isWellFormed(key) else {
            throw PageError(
                .badRequest, portal: shop.runtime.portal.id, "Richiesta non valida", "Ricarica la pagina e riprova.")
        }
        let typedCode = TypedText.normalized(form.values["codice"]?.first ?? "")
        let typedAmount = TypedText.normalized(form.values["importo"]?.first ?? "")
        func refused(_ message: String) async throws -> Response {
            try await voucherPage(
                .unprocessableContent, shop, code: typedCode, amount: typedAmount, key: key, error: message,
                outcome: nil)
        }
        guard !typedCode.isEmpty else { return try await refused("Scrivi il codice del buono.") }
        guard let code = VoucherCode(typed: typedCode) else {
            return try await refused(
                "Il codice «\(typedCode)» non è il codice di un buono: il carattere di controllo non corrisponde, "
                    + "quindi almeno un carattere è sbagliato o manca. Rileggi il codice con il cliente, un carattere "
                    + "alla volta, e scrivilo di nuovo.")
        }
        let cents: Int
        do { cents = try Money(typedAmount).cents } catch { return try await refused("Importo: \(error.message)") }
        guard cents > 0 else { return try await refused("Importo: scrivi l'importo della spesa, più di 0,00 €.") }
        let result = try await shop.runtime.database.redeem(
            code: code.canonical, cents: cents, merchantID: shop.id, staff: session.name,
            key: Redemptions.idempotencyKey(oneTimeKey: key, merchant: shop.merchant.merchant.partitaIVA),
            at: clock())
        switch result {
        case .redeemed(let id, let balance, let isRepeat):
            if !isRepeat { logger.info("voucher redeemed", metadata: ["portal": "\(shop.runtime.portal.id)"]) }
            guard let entry = try await shop.runtime.database.redemption(id: id, merchantID: shop.id) else {
                throw PageError(status: .notFound)
            }
            return try await voucherPage(
                .ok, shop, code: "", amount: "", key: RandomToken.make(), error: nil,
                outcome: outcome(entry, shop, balanceCents: balance))
        case .keyUsed(let earlier):
            return try await voucherPage(
                .conflict, shop, code: "", amount: "", key: RandomToken.make(),
                error: "Questo modulo è già servito per l'incasso del \(Pages.dateTime(earlier.redemption.at)): "
                    + "buono \(ShopStatement.maskedCode(earlier.code)), "
                    + "\(Money(cents: earlier.redemption.amountCents)). Non è stato incassato altro. Se è la stessa "
                    + "spesa, è già pagata: non incassarla di nuovo. Se è un'altra spesa, scrivi codice e importo "
                    + "nel modulo qui sotto, che è nuovo.",
                outcome: nil)
        case .unknownCode:
            return try await refused(
                "Nessun buono ha il codice \(code). Controlla che sia il codice del buono che il cliente ti mostra.")
        case .notEnrolled(let measure):
            return try await refused(
                "Il buono \(code) è della misura «\(measureTitle(measure, shop.runtime.portal))», per la quale il "
                    + "negozio non è iscritto: non si può incassare qui.")
        case .expired(let validUntil):
            return try await refused("Il buono \(code) è scaduto il \(validUntil.italian): non si può più usare.")
        case .overBalance(let balance):
            return try await refused(
                "L'importo (\(Money(cents: cents))) supera il saldo del buono \(code), che è \(Money(cents: balance)). "
                    + "Incassa al massimo il saldo; il resto il cliente lo paga in altro modo.")
        }
    }

    /// Voids the shop's redemption `id`, then back to its page (303); after the window, 422 and nothing changed.
    ///
    /// - Throws: ``PageError`` 403 without the session's token, 404 for anyone but the shop's staff or
    ///   a redemption of another shop.
    @Sendable func voidRedemption(_ request: Request, context: IntakeContext) async throws -> Response {
        let form = try await Self.read(request)
        let session = try await postingSession(of: request, form: form)
        let shop = try await shop(for: session, context: context)
        let entry = try await redemption(of: shop, context: context)
        let id = entry.redemption.id ?? 0
        switch try await shop.runtime.database.voidRedemption(
            id: id, merchantID: shop.id, staff: session.name, at: clock(), window: voidWindow)
        {
        case .voided:
            logger.info("voucher redemption voided", metadata: ["portal": "\(shop.runtime.portal.id)"])
            return redirect.seeOther("/operator/\(shop.runtime.portal.id)/buoni/incassi/\(id)")
        case .notFound:
            throw PageError(status: .notFound)
        case .tooLate(let deadline):
            return try await voucherPage(
                .unprocessableContent, shop, code: "", amount: "", key: RandomToken.make(),
                error: "L'incasso del \(Pages.dateTime(entry.redemption.at)) si poteva annullare fino al "
                    + "\(Pages.dateTime(deadline)). Per correggerlo ora rivolgiti al Comune.",
                outcome: nil)
        }
    }

    /// How long a redemption may be voided (`vouchers.void_minutes`).
    var voidWindow: TimeInterval { TimeInterval(vouchers.voidMinutes * 60) }

    /// The shop of the user, on the portal the route names.
    ///
    /// - Throws: ``PageError``: the 404 of an unknown path for anyone but shop staff of that portal;
    ///   403 saying so while their shop is not enrolled.
    private func shop(for session: OperatorSession, context: IntakeContext) async throws -> Shop {
        guard let id = context.parameters.get("portal"), let runtime = portals[id],
            session.redeemsVouchers(portal: id), let partitaIVA = session.merchant
        else { throw PageError(status: .notFound) }
        guard let merchant = try await runtime.database.merchant(partitaIVA: partitaIVA) else {
            throw PageError(
                .forbidden, portal: id, "Negozio non iscritto",
                "Il negozio con partita IVA \(partitaIVA) non risulta iscritto ai buoni spesa di questo portale. "
                    + "Quando il Comune accoglie la sua adesione, da qui potrai incassare i buoni.")
        }
        return Shop(session: session, runtime: runtime, merchant: merchant)
    }

    /// The shop's redemption the route names; the 404 of an unknown path for another shop's.
    private func redemption(of shop: Shop, context: IntakeContext) async throws -> RedemptionEntry {
        guard let id = context.parameters.get("id").flatMap(Int64.init),
            let entry = try await shop.runtime.database.redemption(id: id, merchantID: shop.id)
        else { throw PageError(status: .notFound) }
        return entry
    }

    private func voucherPage(
        _ status: HTTPResponse.Status, _ shop: Shop, code: String, amount: String, key: String, error: String?,
        outcome: VoucherRedemptionView.Outcome?
    ) async throws -> Response {
        let recent = try await shop.runtime.database.redemptions(merchantID: shop.id, limit: Self.recentRedemptions)
        let view = VoucherRedemptionView(
            shop: shop.merchant.merchant.name, actionURL: pages.root + shop.runtime.portal.id + "/buoni",
            csrf: shop.session.csrf, keyField: Redemptions.keyField, key: key, code: code, amount: amount,
            error: error, outcome: outcome, recent: recent.map { redemptionView($0, shop) },
            voidWindow: vouchers.voidMinutes == 1 ? "1 minuto" : "\(vouchers.voidMinutes) minuti")
        return .page(
            status, try renderer(shop.runtime, for: shop.session).renderVoucherRedemption(view),
            headers: Self.privateHeaders)
    }

    private func redemptionView(_ entry: RedemptionEntry, _ shop: Shop) -> VoucherRedemptionView.Redemption {
        let record = entry.redemption
        let url = pages.root + shop.runtime.portal.id + "/buoni/incassi/" + String(record.id ?? 0)
        let open = record.voidedAt == nil && clock() <= record.at.addingTimeInterval(voidWindow)
        return VoucherRedemptionView.Redemption(
            time: Pages.dateTime(record.at), code: ShopStatement.maskedCode(entry.code),
            amount: Money(cents: record.amountCents).description,
            voided: record.voidedAt.map { "annullato il \(Pages.dateTime($0)) da \(record.voidedBy ?? "")" },
            url: url, voidURL: open ? url + "/annulla" : nil)
    }

    /// The title of the measure page `slug`, or the slug when the portal has no such page.
    func measureTitle(_ slug: String, _ portal: Portal) -> String {
        portal.page(id: "misure/\(slug).md")?.title ?? slug
    }
}
