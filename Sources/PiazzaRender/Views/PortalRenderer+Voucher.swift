import PiazzaContent

extension PortalRenderer {
    /// The printable voucher, served by the daemon at `/r/{token}/buono`: the code large, its QR code, the
    /// amounts and the validity, for a shop to read from paper. The theme's print style sheet leaves out the
    /// site's header and footer; the page needs no JavaScript.
    public func renderVoucherPrint(_ voucher: VoucherView) throws(ThemeError) -> String {
        let base = baseContext(
            title: "Buono spesa \(voucher.code)", description: nil, links: daemonLinks, layout: "voucher-print",
            breadcrumb: [("Home", "")], section: "")
        return try render("voucher-print", base: base, ["voucher": voucherContext(voucher)])
    }

    /// The keys of the `voucher` partial, shared by the receipt and the printable voucher.
    func voucherContext(_ voucher: VoucherView) -> [String: Any] {
        [
            "code": voucher.code, "amount": voucher.amount, "balance": voucher.balance,
            "validUntil": voucher.validUntil, "number": voucher.number,
            "qr": voucher.qr.svg(title: "Codice QR del buono \(voucher.code)", id: "qr-buono"),
            "printURL": "\(voucher.token)/buono", "receiptURL": "../\(voucher.token)",
            "hasPurchases": !voucher.purchases.isEmpty,
            "purchases": voucher.purchases.map {
                ["date": $0.date, "shop": $0.shop, "amount": $0.amount, "voided": $0.voided] as [String: Any]
            },
        ]
    }
}
