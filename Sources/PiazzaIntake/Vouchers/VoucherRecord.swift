import Foundation
import GRDB
import PiazzaContent

/// A row of `vouchers`: the voucher issued to the household of one accepted case of a voucher measure
/// (``PiazzaContent/VoucherTerms``). Its balance is not stored: it is ``amountCents`` less the
/// redemptions not voided (``PortalDatabase/balance(ofVoucher:in:)``).
struct VoucherRecord: PortalRecord, Hashable {
    static let databaseTableName = "vouchers"

    var id: Int64?
    var applicationID: Int64
    /// ``VoucherCode/canonical``: what is stored and looked up; people read ``VoucherCode/description``.
    var code: String
    /// The slug of the measure (its page in `misure/`) whose enrolled shops redeem it.
    var measure: String
    /// The worth at issue: the case's benefit amount.
    var amountCents: Int
    /// The last day it can be spent, ISO `YYYY-MM-DD`, Europe/Rome.
    var validUntil: String
    var issuedAt: Date
    /// The operator whose acceptance issued it.
    var issuedBy: String

    enum CodingKeys: String, CodingKey {
        case id
        case applicationID = "application_id"
        case code, measure
        case amountCents = "amount_cents"
        case validUntil = "valid_until"
        case issuedAt = "issued_at"
        case issuedBy = "issued_by"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// ``validUntil`` as a day.
    var lastDay: ContentDate? { ContentDate(iso: validUntil) }

    /// Whether it can no longer be spent on `day` (a day of Rome's calendar): its last day is before.
    /// The one rule of expiry, for the till and the dashboard.
    func hasExpired(on day: ContentDate) -> Bool {
        lastDay.map { $0 < day } ?? false
    }
}
