/// The back office's reimbursement of the shops for a period (issue 19, item 4): the period form, one
/// row per shop with its total and its statement, the SEPA file and the closing of the period; or one
/// shop's printable statement (``statement``).
public struct OperatorReimbursementView: Sendable, Hashable {
    /// One shop of the period.
    public struct Shop: Sendable, Hashable {
        public var name: String
        public var partitaIVA: String
        public var iban: String
        public var count: Int
        /// `1234,50 €`.
        public var total: String
        public var statementURL: String
        public var csvURL: String

        public init(
            name: String, partitaIVA: String, iban: String, count: Int, total: String, statementURL: String,
            csvURL: String
        ) {
            self.name = name
            self.partitaIVA = partitaIVA
            self.iban = iban
            self.count = count
            self.total = total
            self.statementURL = statementURL
            self.csvURL = csvURL
        }
    }

    /// One redemption of a statement.
    public struct Line: Sendable, Hashable {
        public var number: String
        /// `25/11/2026 13:05`.
        public var at: String
        /// `****-****-9TRC-A`.
        public var code: String
        public var amount: String

        public init(number: String, at: String, code: String, amount: String) {
            self.number = number
            self.at = at
            self.code = code
            self.amount = amount
        }
    }

    /// One shop's printable statement.
    public struct Statement: Sendable, Hashable {
        public var shop: Shop
        public var lines: [Line]

        public init(shop: Shop, lines: [Line]) {
            self.shop = shop
            self.lines = lines
        }
    }

    /// `01/11/2026 – 30/11/2026`.
    public var periodLabel: String
    /// ISO days of the form.
    public var from: String
    public var until: String
    public var actionURL: String
    /// A wrong period, said to the operator; nothing else is shown then.
    public var error: String?
    public var shops: [Shop]
    public var total: String
    /// The SEPA file, or `nil` with ``sepaNote`` saying why not, or when ``sepaConfirmURL`` asks first.
    public var sepaURL: String?
    public var sepaNote: String?
    /// The SEPA files already downloaded for periods sharing days with this one, newest first: who, when,
    /// the total (`Il 01/07/2026 alle 10:00 anna ha scaricato il file del periodo …: 2 esercenti, totale …`).
    public var sepaFiles: [String]
    /// Where the form that makes another SEPA file over ``sepaFiles`` posts (with `_csrf`, the ticked
    /// `conferma` and `ultimo`); `nil` without earlier files or when no file can be made.
    public var sepaConfirmURL: String?
    /// `ultimo`: the newest earlier file the page shows, which the confirmation covers.
    public var sepaConfirmedUpTo: String
    /// `Rimborsato: chiuso il 02/12/2026 10:00 da admin`, when the period is closed.
    public var closedNote: String?
    /// The closing form's address and token, for admins while the period is open.
    public var closeURL: String?
    public var csrf: String
    /// A notice after a post (`Periodo chiuso.`) or why closing was refused.
    public var notice: String?
    /// Closed periods, the latest first: `01/10/2026 – 31/10/2026, chiuso il … da …`.
    public var closedPeriods: [String]
    /// The printable statement of one shop (its ``Shop`` and lines); `nil` on the period page.
    public var statement: Statement?

    public init(
        periodLabel: String, from: String, until: String, actionURL: String, error: String? = nil, shops: [Shop] = [],
        total: String = "", sepaURL: String? = nil, sepaNote: String? = nil, sepaFiles: [String] = [],
        sepaConfirmURL: String? = nil, sepaConfirmedUpTo: String = "", closedNote: String? = nil,
        closeURL: String? = nil, csrf: String = "", notice: String? = nil, closedPeriods: [String] = [],
        statement: Statement? = nil
    ) {
        self.periodLabel = periodLabel
        self.from = from
        self.until = until
        self.actionURL = actionURL
        self.error = error
        self.shops = shops
        self.total = total
        self.sepaURL = sepaURL
        self.sepaNote = sepaNote
        self.sepaFiles = sepaFiles
        self.sepaConfirmURL = sepaConfirmURL
        self.sepaConfirmedUpTo = sepaConfirmedUpTo
        self.closedNote = closedNote
        self.closeURL = closeURL
        self.csrf = csrf
        self.notice = notice
        self.closedPeriods = closedPeriods
        self.statement = statement
    }
}

extension PortalRenderer {
    /// The reimbursement page of a period, or one shop's printable statement (``OperatorReimbursementView``).
    public func renderOperatorReimbursement(_ view: OperatorReimbursementView) throws(ThemeError) -> String {
        let shop = { (shop: OperatorReimbursementView.Shop) -> [String: Any] in
            [
                "name": shop.name, "partitaIVA": shop.partitaIVA, "iban": shop.iban, "count": shop.count,
                "total": shop.total, "statementURL": shop.statementURL, "csvURL": shop.csvURL,
            ]
        }
        var context: [String: Any] = [
            "periodLabel": view.periodLabel, "from": view.from, "until": view.until, "actionURL": view.actionURL,
            "shops": view.shops.map(shop), "hasShops": !view.shops.isEmpty, "total": view.total, "csrf": view.csrf,
            "closedPeriods": view.closedPeriods.map { ["text": $0] }, "hasClosedPeriods": !view.closedPeriods.isEmpty,
            "sepaFiles": view.sepaFiles.map { ["text": $0] }, "hasSepaFiles": !view.sepaFiles.isEmpty,
            "sepaConfirmedUpTo": view.sepaConfirmedUpTo,
        ]
        for (key, value) in [
            ("error", view.error), ("sepaURL", view.sepaURL), ("sepaNote", view.sepaNote),
            ("sepaConfirmURL", view.sepaConfirmURL),
            ("closedNote", view.closedNote), ("closeURL", view.closeURL), ("notice", view.notice),
        ] {
            // The theme's strict context wants every key: `false` for what the page lacks.
            context[key] = value ?? false
        }
        let title: String
        if let statement = view.statement {
            title = "Estratto dei buoni spesa: \(statement.shop.name)"
            var printed = shop(statement.shop)
            printed["lines"] = statement.lines.map {
                ["number": $0.number, "at": $0.at, "code": $0.code, "amount": $0.amount]
            }
            context["statement"] = printed
        } else {
            title = "Rimborsi agli esercenti"
        }
        let base = baseContext(
            title: title, description: nil, links: daemonLinks, layout: "operator", breadcrumb: [], section: "")
        return try render(
            view.statement == nil ? "operator-reimbursements" : "operator-reimbursement-statement", base: base,
            ["reimbursement": context])
    }
}
