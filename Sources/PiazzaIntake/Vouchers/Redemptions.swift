import Crypto
import Foundation

/// The rules of redeeming vouchers at shops (issue 19) that are not the database's: what identifies
/// one purchase, and what the form's one-time key must look like.
enum Redemptions {
    /// The hidden field of the redemption form holding its one-time key (``RandomToken``), new with
    /// every page; the intake's `_key` plays the same part for applications.
    static let keyField = "_chiave"

    /// What identifies one purchase, so that posting it again finds its redemption: lowercase hex
    /// SHA-256 of the form's one-time key and the shop's partita IVA. One form is one purchase: posted
    /// again with the same code and amount (a double click, a resent post) it is answered as before;
    /// posted with other values it is refused (``PortalDatabase/RedemptionOutcome/keyUsed(earlier:)``),
    /// since a cashier who retypes the amount after a lost answer would otherwise redeem twice. The
    /// shop is in the hash, and the lookup is by shop too, so another shop's form never matches nor
    /// shows a purchase. Each part is base32 or digits: no separator ambiguity.
    static func idempotencyKey(oneTimeKey: String, merchant: String) -> String {
        let text = ["redemption", oneTimeKey, merchant].joined(separator: "\u{0}")
        return Hex.string(SHA256.hash(data: Data(text.utf8)))
    }
}
