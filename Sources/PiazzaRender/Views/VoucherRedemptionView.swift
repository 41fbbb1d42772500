/// The shop's voucher page of the back office (`/operator/{portal}/buoni`, issue 19): the form that
/// redeems a voucher (code and amount), the outcome of the last redemption with its void button, and
/// the shop's latest redemptions. Built for a cheap phone without JavaScript. Texts are Italian and
/// plain (the template escapes them).
public struct VoucherRedemptionView: Sendable, Hashable {
    /// A redemption as the shop reads it, with its void form while it may still be voided.
    public struct Redemption: Sendable, Hashable {
        /// `01/06/2026 alle 12:10`.
        public var time: String
        /// The voucher's code masked, `****-****-9TRC-A`: the till shows no whole code after the purchase.
        public var code: String
        /// `12,50 €`.
        public var amount: String
        /// `annullato il 01/06/2026 alle 12:20 da mario`, once voided.
        public var voided: String?
        /// The redemption's own page.
        public var url: String
        /// The void form's `POST` address, while the window is open and it is not voided.
        public var voidURL: String?

        public init(time: String, code: String, amount: String, voided: String?, url: String, voidURL: String?) {
            self.time = time
            self.code = code
            self.amount = amount
            self.voided = voided
            self.url = url
            self.voidURL = voidURL
        }
    }

    /// What happened to one redemption: `Buono incassato`, the amount and, on the answer to the purchase
    /// only, the voucher's balance left.
    public struct Outcome: Sendable, Hashable {
        public var title: String
        public var text: String
        public var redemption: Redemption

        public init(title: String, text: String, redemption: Redemption) {
            self.title = title
            self.text = text
            self.redemption = redemption
        }
    }

    /// The shop's name.
    public var shop: String
    /// The form's `POST` address and the session's CSRF token.
    public var actionURL: String
    public var csrf: String
    /// The form's one-time key (hidden field `keyField`).
    public var keyField: String
    public var key: String
    /// What was typed, kept when the form comes back with an error.
    public var code: String
    public var amount: String
    /// Why the last post was refused: what happened and what to do.
    public var error: String?
    /// The outcome of a redemption: in the answer to its post (with the balance left) and on its own
    /// page (without).
    public var outcome: Outcome?
    /// The shop's latest redemptions, newest first.
    public var recent: [Redemption]
    /// `30 minuti`: how long a redemption may be voided.
    public var voidWindow: String

    public init(
        shop: String, actionURL: String, csrf: String, keyField: String, key: String, code: String, amount: String,
        error: String?, outcome: Outcome?, recent: [Redemption], voidWindow: String
    ) {
        self.shop = shop
        self.actionURL = actionURL
        self.csrf = csrf
        self.keyField = keyField
        self.key = key
        self.code = code
        self.amount = amount
        self.error = error
        self.outcome = outcome
        self.recent = recent
        self.voidWindow = voidWindow
    }
}

extension PortalRenderer {
    /// The shop's voucher page, in the portal's look.
    public func renderVoucherRedemption(_ view: VoucherRedemptionView) throws(ThemeError) -> String {
        let base = baseContext(
            title: "Buoni spesa – \(view.shop)", description: nil, links: daemonLinks, layout: "operator",
            breadcrumb: [], section: "")
        func redemption(_ item: VoucherRedemptionView.Redemption) -> [String: Any] {
            [
                "time": item.time, "code": item.code, "amount": item.amount, "voided": item.voided ?? false,
                "url": item.url, "voidURL": item.voidURL ?? false,
            ]
        }
        let outcome: Any =
            view.outcome.map {
                ["title": $0.title, "text": $0.text, "redemption": redemption($0.redemption)] as [String: Any]
            } ?? false
        let context: [String: Any] = [
            "shop": view.shop, "actionURL": view.actionURL, "csrf": view.csrf, "keyField": view.keyField,
            "key": view.key, "code": view.code, "amount": view.amount, "error": view.error ?? false,
            "outcome": outcome, "recent": view.recent.map(redemption), "hasRecent": !view.recent.isEmpty,
            "voidWindow": view.voidWindow,
        ]
        return try render("operator-vouchers", base: base, ["vouchers": context])
    }
}
