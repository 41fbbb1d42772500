import Foundation
import GRDB

/// A row of `payments`: the recorded payment of one case's benefit.
struct PaymentRecord: PortalRecord, Hashable {
    static let databaseTableName = "payments"

    var applicationID: Int64
    /// The amount paid: the case's benefit when the payment was recorded.
    var amountCents: Int
    /// The value date of the transfer, ISO `YYYY-MM-DD`.
    var paidOn: String
    /// The ragioneria's reference (mandato, CRO, TRN), as typed.
    var reference: String
    /// The operator who recorded it.
    var actor: String
    var recordedAt: Date

    enum CodingKeys: String, CodingKey {
        case applicationID = "application_id"
        case amountCents = "amount_cents"
        case paidOn = "paid_on"
        case reference, actor
        case recordedAt = "recorded_at"
    }
}
