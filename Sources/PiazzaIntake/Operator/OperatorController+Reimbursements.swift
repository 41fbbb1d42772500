import Foundation
import Hummingbird
import ItalianIdentifiers
import PiazzaContent
import PiazzaRender

/// The reimbursement of the shops (issue 19, item 4), for the admins and operators of the portal
/// (``reach(_:context:)``; anyone else gets the 404 of an unknown path). Every route takes the period as
/// `dal` and `al` (ISO days, Rome; the previous month when both are absent):
///
/// - `GET /operator/{portal}/rimborsi`: the shops with their totals, the SEPA file, the closing form;
/// - `GET /operator/{portal}/rimborsi/esercenti/{partita IVA}`: one shop's printable statement, and
///   `…/estratto.csv` the same for Excel (``ShopStatement/csv(closed:)``); the shop's own staff read these two
///   for their shop (``statementReach(_:context:)``);
/// - `GET /operator/{portal}/rimborsi/bonifici.xml`: the SEPA credit transfer file (``SEPACreditTransfer``),
///   when `vouchers.debtors.{portal}` is configured, recorded (``PortalDatabase/makeCreditTransfer(_:)``); 409
///   when a file of an overlapping period was downloaded before, which the page shows;
/// - `POST /operator/{portal}/rimborsi/bonifici.xml?dal=…&al=…` (with `_csrf`, the ticked box `conferma=si` and
///   `ultimo`, the newest earlier file the page showed): the same file over earlier ones, on purpose;
/// - `POST /operator/{portal}/rimborsi/chiudi?dal=…&al=…` (admins only, with `_csrf`): closes the period
///   (``PortalDatabase/closeReimbursement(_:actor:at:window:campaignStart:)``) and answers 303 to its page,
///   whose notice says the outcome: closed, or why not (not over yet, and from when it can be; before the
///   campaign; nothing redeemed; overlapping a closed period).
///
/// Downloads are recorded in the portal's audit log as exports (a SEPA file with its message id).
extension OperatorController {
    func addReimbursementRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("operator/:portal/rimborsi", only: [.get: reimbursementPage])
        router.on("operator/:portal/rimborsi/esercenti/:piva", only: [.get: shopStatementPage])
        router.on("operator/:portal/rimborsi/esercenti/:piva/estratto.csv", only: [.get: shopStatementCSV])
        router.on(
            "operator/:portal/rimborsi/bonifici.xml", only: [.get: creditTransferFile, .post: confirmedCreditTransfer])
        router.on("operator/:portal/rimborsi/chiudi", only: [.post: closeReimbursement])
    }

    @Sendable func reimbursementPage(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (session, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        let base = pages.root + runtime.portal.id + "/rimborsi"
        let query = request.uri.queryParameters
        let period: ReimbursementPeriod
        do throws(PeriodQuery.Problem) {
            period = try reimbursementPeriod(request)
        } catch {
            let view = OperatorReimbursementView(
                periodLabel: "", from: query.get("dal") ?? "", until: query.get("al") ?? "", actionURL: base,
                error: error.message)
            return .page(
                .unprocessableContent, try renderer(runtime, for: session).renderOperatorReimbursement(view),
                headers: Self.privateHeaders)
        }
        let statements = try await runtime.database.shopStatements(for: period)
        let closed = try await runtime.database.closedPeriods()
        let own = closed.first { $0.period.overlaps(period) }
        let hasDebtor = vouchers.debtors[runtime.portal.id] != nil
        let paid = ClosedPeriod.paidElsewhere(period, closed: closed)
        let files = try await runtime.database.creditTransferFiles(overlapping: period)
        let sepaURL = hasDebtor && paid == nil ? base + "/bonifici.xml?" + Self.query(period) : nil
        let view = OperatorReimbursementView(
            periodLabel: period.label, from: period.firstDay.iso, until: period.lastDay.iso, actionURL: base,
            shops: statements.map { shopView($0, period: period, base: base) },
            total: Money(cents: statements.reduce(0) { $0 + $1.totalCents }).description,
            sepaURL: files.isEmpty ? sepaURL : nil,
            sepaNote: hasDebtor
                ? paid.map { Self.paidElsewhereText(period, $0) }
                : "Per il file dei bonifici SEPA manca il conto del Comune: l'amministratore del server lo indica "
                    + "in piazza.yaml, alla voce vouchers.debtors.\(runtime.portal.id) (name, iban, bic).",
            sepaFiles: files.map(Self.fileText), sepaConfirmURL: files.isEmpty ? nil : sepaURL,
            sepaConfirmedUpTo: files.first.map { String($0.id) } ?? "",
            closedNote: own?.note,
            closeURL: session.role == .admin && own == nil && !statements.isEmpty
                ? base + "/chiudi?" + Self.query(period) : nil,
            csrf: session.csrf,
            notice: query.get("esito").flatMap { closeNotice($0, period: period, portal: runtime.portal) },
            closedPeriods: closed.map {
                "\($0.period.label): chiuso il \(Pages.dateTime($0.closedAt)) da \($0.closedBy)"
            })
        return .page(
            .ok, try renderer(runtime, for: session).renderOperatorReimbursement(view), headers: Self.privateHeaders)
    }

    @Sendable func shopStatementPage(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (session, runtime) = try await statementReach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        let (period, statement) = try await shopStatement(request, context: context, runtime: runtime)
        let base = pages.root + runtime.portal.id + "/rimborsi"
        let own = try await runtime.database.closedPeriod(overlapping: period)
        let view = OperatorReimbursementView(
            periodLabel: period.label, from: period.firstDay.iso, until: period.lastDay.iso,
            actionURL: base + "/esercenti/" + statement.merchant.partitaIVA, closedNote: own?.note,
            statement: .init(
                shop: shopView(statement, period: period, base: base),
                lines: statement.lines.map {
                    .init(
                        number: String($0.id), at: Pages.dateTime($0.at), code: $0.code,
                        amount: Money(cents: $0.amountCents).description)
                }))
        return .page(
            .ok, try renderer(runtime, for: session).renderOperatorReimbursement(view), headers: Self.privateHeaders)
    }

    @Sendable func shopStatementCSV(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (session, runtime) = try await statementReach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        let (period, statement) = try await shopStatement(request, context: context, runtime: runtime)
        let name = "estratto-\(statement.merchant.partitaIVA)-\(period.compact)"
        try await auditExport(request, session, runtime: runtime, name)
        let own = try await runtime.database.closedPeriod(overlapping: period)
        let csv = statement.csv(closed: own)
        return download(.csv, name: "\(runtime.portal.id)-\(name)") { try await $0(csv) }
    }

    @Sendable func creditTransferFile(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (session, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        return try await creditTransfer(
            try requestedPeriod(of: request, runtime: runtime), session: session, runtime: runtime,
            confirmedNewest: nil,
            records: Self.delivers(request))
    }

    /// The SEPA file over earlier files of overlapping periods, confirmed by the ticked box of the
    /// rimborsi page (`conferma=si`) for the newest file the page showed (`ultimo`, its id).
    ///
    /// - Throws: ``PageError`` 403 without the session's token, 422 without the ticked box, 409 when `ultimo`
    ///   is missing or not a number (the form is not the one the page shows now), and the refusals of
    ///   ``creditTransfer(_:session:runtime:confirmedNewest:records:)``.
    @Sendable func confirmedCreditTransfer(_ request: Request, context: IntakeContext) async throws -> Response {
        let form = try await Self.read(request)
        let session = try await postingSession(of: request, form: form)
        let runtime = try portal(for: session, context: context)
        let period = try requestedPeriod(of: request, runtime: runtime)
        guard form.values["conferma"]?.first == "si" else {
            throw PageError(
                .unprocessableContent, portal: runtime.portal.id, "Conferma mancante",
                "Per scaricare un altro file dei bonifici del periodo \(period.label) spunta la casella di conferma "
                    + "nella pagina dei rimborsi, dopo aver controllato con la ragioneria il file già scaricato, "
                    + "poi premi di nuovo il pulsante.")
        }
        // The page always sends the number of the newest file it showed: without it the form is not that page's.
        guard let seen = form.values["ultimo"]?.first.flatMap({ Int64($0) }) else {
            throw PageError(
                .conflict, portal: runtime.portal.id, "Pagina dei rimborsi non aggiornata",
                "La conferma per il periodo \(period.label) non dice quale file già scaricato hai controllato: la "
                    + "pagina da cui l'hai mandata non è aggiornata. Ricarica la pagina dei rimborsi del periodo, "
                    + "controlla i file già scaricati e conferma di nuovo.",
                link: rimborsiLink(runtime, period))
        }
        return try await creditTransfer(
            period, session: session, runtime: runtime, confirmedNewest: seen, records: true)
    }

    /// Makes, records (unless `records` is false: a `HEAD`) and answers the SEPA file of `period`
    /// (``PortalDatabase/makeCreditTransfer(_:)``).
    ///
    /// - Throws: ``PageError`` 404 without the comune's account or purchases, 409 when a closed period
    ///   overlaps it or an earlier file of an overlapping period is not confirmed (`confirmedNewest`), 422
    ///   for a shop the file cannot pay.
    private func creditTransfer(
        _ period: ReimbursementPeriod, session: OperatorSession, runtime: PortalRuntime, confirmedNewest: Int64?,
        records: Bool
    ) async throws -> Response {
        guard let debtor = vouchers.debtors[runtime.portal.id] else { throw PageError(status: .notFound) }
        let holders = try await runtime.database.enrolledShops().reduce(into: [String: String]()) { holders, shop in
            holders[shop.merchant.merchant.partitaIVA] = shop.accountHolder(forms: runtime.portal.forms)
        }
        let outcome: PortalDatabase.CreditTransferOutcome
        do {
            outcome = try await runtime.database.makeCreditTransfer(
                .init(
                    period: period, debtor: debtor, holders: holders, actor: session.name, at: clock(),
                    confirmedNewest: confirmedNewest, records: records))
        } catch let error as SEPACreditTransfer.Unpayable {
            let shop = "\(error.name) (partita IVA \(error.partitaIVA))"
            switch error.reason {
            case .iban:
                throw PageError(
                    .unprocessableContent, portal: runtime.portal.id, "IBAN non valido",
                    "L'IBAN registrato per \(shop) non è valido: la banca rifiuterebbe il file. Correggilo con "
                        + "l'esercente prima di scaricare i bonifici.")
            case .name:
                throw PageError(
                    .unprocessableContent, portal: runtime.portal.id, "Nome dell'esercente non utilizzabile",
                    "Il nome registrato per \(shop) non ha lettere o cifre dell'alfabeto latino, le sole che un "
                        + "bonifico SEPA può portare: la banca rifiuterebbe il file. Correggi la ragione sociale o "
                        + "l'insegna dell'esercente con le lettere latine, poi scarica i bonifici.")
            }
        }
        switch outcome {
        case .paidElsewhere(let paid):
            throw PageError(
                .conflict, portal: runtime.portal.id, "Periodo già rimborsato in parte",
                Self.paidElsewhereText(period, paid))
        case .empty:
            throw PageError(
                .notFound, portal: runtime.portal.id, "Nessun incasso nel periodo",
                "Nel periodo \(period.label) non ci sono incassi da rimborsare: non c'è nessun bonifico da fare.")
        case .madeBefore(let files):
            throw PageError(
                .conflict, portal: runtime.portal.id, "File dei bonifici già scaricato",
                "Per giorni del periodo \(period.label) è già stato scaricato un file dei bonifici. "
                    + files.map(Self.fileText).joined(separator: " ")
                    + " Un altro file pagherebbe di nuovo gli stessi incassi, se la ragioneria li ha già mandati in "
                    + "banca. Per scaricarlo comunque apri la pagina dei rimborsi del periodo, controlla i file già "
                    + "scaricati e conferma.",
                link: rimborsiLink(runtime, period))
        case .made(let file, let xml):
            if records {
                logger.info(
                    "SEPA credit transfer file made",
                    metadata: ["portal": "\(runtime.portal.id)", "message_id": "\(file.messageID)"])
            }
            var headers: HTTPFields = [
                .contentType: "application/xml; charset=utf-8", .cacheControl: "no-store",
                .contentDisposition:
                    "attachment; filename=\"\(runtime.portal.id)-bonifici-\(period.compact)-\(file.id).xml\"",
            ]
            headers.append(contentsOf: Self.privateHeaders)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: .init(string: xml)))
        }
    }

    @Sendable func closeReimbursement(_ request: Request, context: IntakeContext) async throws -> Response {
        let form = try await Self.read(request)
        let session = try await postingSession(of: request, form: form)
        let runtime = try portal(for: session, context: context)
        guard session.role == .admin else { throw PageError(status: .notFound) }
        let period = try requestedPeriod(of: request, runtime: runtime)
        let outcome = try await runtime.database.closeReimbursement(
            period, actor: session.name, at: clock(), window: voidWindow,
            campaignStart: Self.campaignStart(of: runtime.portal))
        let result =
            switch outcome {
            case .closed: "chiuso"
            case .overlaps: "sovrapposto"
            case .notOver: "aperto"
            case .beforeCampaign: "prima"
            case .empty: "vuoto"
            }
        // A daemon path: `seeOther` puts public_url's path in front (``pages.root`` already has it).
        return redirect.seeOther("/operator/\(runtime.portal.id)/rimborsi?" + Self.query(period) + "&esito=" + result)
    }

    /// Who reads a shop's statement: whoever reaches the portal (``reach(_:context:)``), and the shop's own
    /// staff (``OperatorSession/redeemsVouchers(portal:)`` with the route's partita IVA); anyone else gets
    /// the 404 of an unknown path.
    private func statementReach(_ request: Request, context: IntakeContext) async throws
        -> (OperatorSession, PortalRuntime)?
    {
        guard let session = try await session(of: request) else { return nil }
        if let id = context.parameters.get("portal"), let runtime = portals[id], session.redeemsVouchers(portal: id),
            session.merchant == context.parameters.get("piva")
        {
            return (session, runtime)
        }
        return (session, try portal(for: session, context: context))
    }

    /// When the portal's voucher campaign starts: the earliest opening of its voucher measures' bandi;
    /// `nil` without a voucher measure.
    private static func campaignStart(of portal: Portal) -> Date? {
        portal.forms.filter { $0.voucher != nil }.map(\.opens.instant).min()
    }

    /// What the page says after a closing post, by its `esito` (one per
    /// ``PortalDatabase/CloseOutcome``), with when closing becomes possible where a date says it.
    private func closeNotice(_ outcome: String, period: ReimbursementPeriod, portal: Portal) -> String? {
        let refused = "Il periodo non è stato chiuso: "
        switch outcome {
        case "chiuso": return "Periodo segnato come rimborsato: gli incassi del periodo non possono più cambiare."
        case "sovrapposto": return refused + "ha giorni in comune con un periodo già rimborsato."
        case "aperto":
            return refused + "non è ancora finito, o i negozi possono ancora annullare gli ultimi incassi. "
                + "Si potrà chiudere dal \(Pages.dateTime(period.endsAt.addingTimeInterval(voidWindow)))."
        case "prima":
            let start = Self.campaignStart(of: portal).map { " (\(Pages.dateTime($0)))" } ?? ""
            return refused + "finisce prima che si aprisse il bando dei buoni spesa\(start), quindi non ha incassi. "
                + "Controlla le date Dal e Al, in particolare l'anno."
        case "vuoto":
            return refused + "non ha incassi da rimborsare. Si chiude un periodo solo dopo averne pagato gli incassi."
        default: return nil
        }
    }

    /// What the page and a refusal say of an earlier SEPA file: who made it, when, for which period and
    /// how much.
    private static func fileText(_ file: CreditTransferFile) -> String {
        let shops = file.payees.count == 1 ? "1 esercente" : "\(file.payees.count) esercenti"
        return
            "Il \(Pages.dateTime(file.madeAt)) \(file.madeBy) ha scaricato il file del periodo \(file.period.label): "
            + "\(shops), totale \(Money(cents: file.totalCents).description) (identificativo \(file.messageID))."
    }

    /// Why `period` has no SEPA file: it shares days with the closed period `paid`.
    private static func paidElsewhereText(_ period: ReimbursementPeriod, _ paid: ClosedPeriod) -> String {
        "Il periodo \(period.label) comprende giorni del periodo \(paid.period.label), già rimborsato (chiuso il "
            + "\(Pages.dateTime(paid.closedAt))): un file dei bonifici per questo periodo pagherebbe di nuovo i suoi "
            + "incassi. Scegli un periodo che non comprenda quei giorni, oppure scarica il file del periodo "
            + "\(paid.period.label)."
    }

    /// The period of a query by the one rule of a period (``PeriodQuery``): the previous month without
    /// `dal` and `al`, at most ``ReimbursementPeriod/longestDays``.
    private func reimbursementPeriod(_ request: Request) throws(PeriodQuery.Problem)
        -> ReimbursementPeriod
    {
        let fallback = ReimbursementPeriod.previousMonth(of: clock())
        let query = request.uri.queryParameters
        let days = try PeriodQuery.read(
            { query.get($0) }, today: ContentDateTime.romeDay(of: clock()),
            fallback: fallback.firstDay...fallback.lastDay, longestDays: ReimbursementPeriod.longestDays)
        // Never nil: read returns the fallback without days, and a period within longestDays.
        return days.flatMap { ReimbursementPeriod(firstDay: $0.lowerBound, lastDay: $0.upperBound) } ?? fallback
    }

    /// The period of a download's or a post's query, whose page is the rimborsi page of `runtime`.
    ///
    /// - Throws: ``PageError`` 422 saying which date to correct and how, linking the rimborsi page.
    private func requestedPeriod(of request: Request, runtime: PortalRuntime) throws -> ReimbursementPeriod {
        do throws(PeriodQuery.Problem) {
            return try reimbursementPeriod(request)
        } catch {
            throw PageError(
                .unprocessableContent, portal: runtime.portal.id, "Periodo non valido",
                error.message + " Scegli il periodo nella pagina dei rimborsi.",
                link: .init(text: "Apri la pagina dei rimborsi", url: pages.root + runtime.portal.id + "/rimborsi"))
        }
    }

    /// The link of a refusal to the rimborsi page of `period`, where the operator sees the files and confirms.
    private func rimborsiLink(_ runtime: PortalRuntime, _ period: ReimbursementPeriod) -> MessagePage.Link {
        .init(
            text: "Apri la pagina dei rimborsi del periodo \(period.label)",
            url: pages.root + runtime.portal.id + "/rimborsi?" + Self.query(period))
    }

    /// `dal=2026-11-01&al=2026-11-30`.
    private static func query(_ period: ReimbursementPeriod) -> String {
        "dal=\(period.firstDay.iso)&al=\(period.lastDay.iso)"
    }

    /// The period and the statement of the shop a route names.
    ///
    /// - Throws: ``PageError`` 400 for a wrong period, 404 for a shop with nothing redeemed in it.
    private func shopStatement(_ request: Request, context: IntakeContext, runtime: PortalRuntime) async throws
        -> (ReimbursementPeriod, ShopStatement)
    {
        let period = try requestedPeriod(of: request, runtime: runtime)
        let partitaIVA = try context.parameters.require("piva")
        guard
            let statement = try await runtime.database.shopStatements(for: period).first(where: {
                $0.merchant.partitaIVA == partitaIVA
            })
        else {
            throw PageError(
                .notFound, portal: runtime.portal.id, "Nessun incasso",
                "L'esercente con partita IVA \(partitaIVA) non ha incassi da rimborsare nel periodo \(period.label).")
        }
        return (period, statement)
    }

    private func shopView(_ statement: ShopStatement, period: ReimbursementPeriod, base: String)
        -> OperatorReimbursementView.Shop
    {
        let shop = base + "/esercenti/" + statement.merchant.partitaIVA
        return .init(
            name: statement.merchant.name, partitaIVA: statement.merchant.partitaIVA,
            iban: (try? IBAN(statement.merchant.iban).formatted) ?? statement.merchant.iban,
            count: statement.lines.count, total: Money(cents: statement.totalCents).description,
            statementURL: shop + "?" + Self.query(period), csvURL: shop + "/estratto.csv?" + Self.query(period))
    }
}
