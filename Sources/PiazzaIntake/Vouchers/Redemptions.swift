import Crypto
import Foundation

/// The rules of redeeming vouchers at shops (issue 19) that are not the database's: what identifies
/// one purchase, and what the form's one-time key must look like.
enum Redemptions {
    /// The hidden field of the redemption form holding its one-time key (``RandomToken``), new with
    /// every page; the intake's `_key` plays the same part for applications.
    static let keyField = "_chiave"

    /// What identifies one purchase, so that posting it again finds its redemption: lowercase hex
    /// SHA-256 of the form's one-time key, the shop's partita IVA, the voucher's canonical code and the
    /// amount in cents. The same key with the same values (a double click, a resent post) is the same
    /// purchase; the same key with other values (the page reused for the next customer) is another.
    /// Each part is hex, digits or the code's alphabet: no separator ambiguity.
    static func idempotencyKey(oneTimeKey: String, merchant: String, code: String, cents: Int) -> String {
        let text = ["redemption", oneTimeKey, merchant, code, String(cents)].joined(separator: "\u{0}")
        return Hex.string(SHA256.hash(data: Data(text.utf8)))
    }
}
