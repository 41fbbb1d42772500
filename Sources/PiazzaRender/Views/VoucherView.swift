/// What the citizen's pages show of a voucher wallet (buono spesa): the receipt page `/r/{token}` and the
/// printable voucher `/r/{token}/buono`, for households without a phone.
public struct VoucherView: Sendable, Hashable {
    /// A purchase made with the voucher, as the citizen reads it.
    public struct Purchase: Sendable, Hashable {
        /// `25/11/2026 alle 13:05`, in Rome.
        public var date: String
        /// The shop's name.
        public var shop: String
        /// `12,50 €`.
        public var amount: String
        /// Whether the shop cancelled it (its amount is back on the balance).
        public var voided: Bool

        public init(date: String, shop: String, amount: String, voided: Bool) {
            self.date = date
            self.shop = shop
            self.amount = amount
            self.voided = voided
        }
    }

    /// The code grouped for reading aloud, `K7MP-Q4XZ-9TRC-A`.
    public var code: String
    /// The QR code of ``code``, for a shop's scanner.
    public var qr: QRCode
    /// The worth at issue, `150,00 €`.
    public var amount: String
    /// What is left, `137,50 €`.
    public var balance: String
    /// The last day it can be spent, `31/12/2026`.
    public var validUntil: String
    /// Every purchase, oldest first.
    public var purchases: [Purchase]
    /// Numero pratica of the case that issued it.
    public var number: String
    /// The receipt's random token: the printable page is `{token}/buono` beside the receipt.
    public var token: String

    public init(
        code: String, qr: QRCode, amount: String, balance: String, validUntil: String, purchases: [Purchase],
        number: String,
        token: String
    ) {
        self.code = code
        self.qr = qr
        self.amount = amount
        self.balance = balance
        self.validUntil = validUntil
        self.purchases = purchases
        self.number = number
        self.token = token
    }
}
