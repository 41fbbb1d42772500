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

    /// What retention writes in place of ``code``, followed by the row's id (unique, as the column wants):
    /// `anonimizzato-12`. It is not a ``VoucherCode``, so no till accepts it, and statements show it unmasked.
    ///
    /// Why the code goes although it is a bearer token, not a name: the citizen keeps it on paper and on
    /// the phone, and the shop saw it at the till, so whoever holds it could still read, through it, where
    /// and when that household shopped. Everything else of the row stays (measure, worth, last day, issue
    /// time and operator), and the redemptions are untouched (shop, staff, time, amount, voided): they name
    /// no citizen, and closed reimbursement periods must keep summing the same
    /// (``PortalDatabase/anonymiseExpiredCases(at:)``).
    static let anonymisedCodePrefix = "anonimizzato-"

    /// ``validUntil`` as a day.
    var lastDay: ContentDate? { ContentDate(iso: validUntil) }

    /// Whether it can no longer be spent on `day` (a day of Rome's calendar): its last day is before
    /// (``hasExpired(lastDay:on:)``).
    func hasExpired(on day: ContentDate) -> Bool {
        lastDay.map { Self.hasExpired(lastDay: $0, on: day) } ?? false
    }

    /// Whether a voucher whose last day is `lastDay` can no longer be spent on `day` (a day of Rome's
    /// calendar): `lastDay` is before `day`; on `lastDay` itself it is still spent. The one rule of expiry,
    /// for the till, the dashboard and the acceptance that would issue it (``AcceptanceEffects``).
    static func hasExpired(lastDay: ContentDate, on day: ContentDate) -> Bool {
        lastDay < day
    }
}
