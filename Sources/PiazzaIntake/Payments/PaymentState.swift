/// Where the benefit of a case is in its payment (PRODUCT.md §8, issue 14 item 4): `da pagare → pagata`.
///
/// Only an accepted case with a benefit has one: it is ``due`` from its acceptance until an
/// operator records the payment (``PaymentRecord``), then ``paid``, which is final. A case of a
/// voucher measure has none: its benefit is the buono spesa issued at acceptance and spent at the
/// shops, which the comune reimburses (never a transfer to the citizen as well).
enum PaymentState: String, Sendable, Hashable, Codable, CaseIterable {
    case due = "da_pagare"
    case paid = "pagata"

    /// The payment state of a case in `state` with `benefitCents`, `paid` when a payment is recorded,
    /// `inVouchers` when a voucher was issued for it; `nil` when there is nothing to pay (not
    /// accepted, no benefit, or a benefit given as a voucher).
    static func of(state: ApplicationState, benefitCents: Int?, paid: Bool, inVouchers: Bool) -> PaymentState? {
        if paid { return .paid }
        guard state == .accepted, !inVouchers, let benefitCents, benefitCents > 0 else { return nil }
        return .due
    }

    /// As operators read it.
    var label: String {
        switch self {
        case .due: "Da pagare"
        case .paid: "Pagata"
        }
    }
}
