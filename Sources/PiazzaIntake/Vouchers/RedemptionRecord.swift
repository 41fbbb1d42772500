import Foundation
import GRDB

/// A row of `redemptions`: one purchase paid, wholly or partly, with a voucher at an enrolled shop.
struct RedemptionRecord: PortalRecord, Hashable {
    static let databaseTableName = "redemptions"

    var id: Int64?
    var voucherID: Int64
    var merchantID: Int64
    /// The shop staff's user name.
    var staff: String
    var amountCents: Int
    var at: Date
    /// Lowercase hex SHA-256 of the redemption form's one-time key and the shop's partita IVA
    /// (``Redemptions/idempotencyKey(oneTimeKey:merchant:)``); rows stored before that rule hashed the
    /// code and amount too, and match no new key.
    var idempotencyKey: String
    /// Set when the shop voided it; a voided redemption no longer counts against the balance.
    var voidedAt: Date?
    var voidedBy: String?

    enum CodingKeys: String, CodingKey {
        case id
        case voucherID = "voucher_id"
        case merchantID = "merchant_id"
        case staff
        case amountCents = "amount_cents"
        case at
        case idempotencyKey = "idempotency_key"
        case voidedAt = "voided_at"
        case voidedBy = "voided_by"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
