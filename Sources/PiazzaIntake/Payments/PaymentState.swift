/// Where the benefit of a case is in its payment (PRODUCT.md §8, issue 14 item 4): `da pagare → pagata`.
///
/// Only an accepted case with a benefit has one: it is ``due`` from its acceptance until an
/// operator records the payment (``PaymentRecord``), then ``paid``, which is final.
enum PaymentState: String, Sendable, Hashable, Codable, CaseIterable {
    case due = "da_pagare"
    case paid = "pagata"

    /// The payment state of a case in `state` with `benefitCents`, `paid` when a payment is recorded;
    /// `nil` when there is nothing to pay (not accepted, or no benefit).
    static func of(state: ApplicationState, benefitCents: Int?, paid: Bool) -> PaymentState? {
        if paid { return .paid }
        guard state == .accepted, let benefitCents, benefitCents > 0 else { return nil }
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
