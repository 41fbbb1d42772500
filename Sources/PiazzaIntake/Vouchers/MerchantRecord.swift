import Foundation
import GRDB

/// A row of `merchants`: a shop enrolled by an accepted case of an enrolment form
/// (``PiazzaContent/MerchantEnrolment``), with the measures it takes in `merchant_measures`.
struct MerchantRecord: PortalRecord, Hashable {
    static let databaseTableName = "merchants"

    var id: Int64?
    /// 11 digits (``ItalianIdentifiers/PartitaIVA/value``); one shop per partita IVA in a portal.
    var partitaIVA: String
    /// The shop's name as customers know it (the sign).
    var name: String
    /// Where the comune reimburses it, as the enrolment gave it (normalised by the form's IBAN rule).
    var iban: String
    /// The accepted enrolment case.
    var applicationID: Int64
    var enrolledAt: Date

    enum CodingKeys: String, CodingKey {
        case id
        case partitaIVA = "partita_iva"
        case name, iban
        case applicationID = "application_id"
        case enrolledAt = "enrolled_at"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
