import ItalianIdentifiers
import PiazzaRender

extension Pages {
    /// The printable voucher of the application `number` (`/r/{token}/buono`).
    func voucherPrint(_ account: VoucherAccount, number: String, token: String) throws -> String {
        try renderer.renderVoucherPrint(Self.voucherView(account, number: number, token: token))
    }

    /// A voucher wallet as the citizen's pages show it: the grouped code and its QR code, the amounts in
    /// Italian, the validity and every purchase (voided ones marked).
    ///
    /// - Throws: ``QRCodeError`` only if a stored code were not a voucher code's 16 grouped characters.
    static func voucherView(_ account: VoucherAccount, number: String, token: String) throws -> VoucherView {
        let voucher = account.voucher
        let code = VoucherCode(typed: voucher.code)?.description ?? voucher.code
        return VoucherView(
            code: code, qr: try QRCode(encoding: code, correction: .medium),
            amount: Money(cents: voucher.amountCents).italian, balance: Money(cents: account.balanceCents).italian,
            validUntil: (try? ItalianDate(voucher.validUntil).italian) ?? voucher.validUntil,
            purchases: account.redemptions.map {
                VoucherView.Purchase(
                    date: dateTime($0.redemption.at), shop: $0.merchantName,
                    amount: Money(cents: $0.redemption.amountCents).italian, voided: $0.redemption.voidedAt != nil)
            }, number: number, token: token)
    }
}
