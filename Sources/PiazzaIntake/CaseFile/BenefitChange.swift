import Foundation
import GRDB

/// A row of `benefit_changes`: an operator set the benefit amount of an application, with a reason.
struct BenefitChange: PortalRecord {
    static let databaseTableName = "benefit_changes"

    var id: Int64?
    var applicationID: Int64
    var at: Date
    var actor: String
    /// The amount before, in cents; `nil` when the form's rule gave none.
    var previousCents: Int?
    /// The amount set, in cents, never negative.
    var cents: Int
    var reason: String

    init(applicationID: Int64, at: Date, actor: String, previousCents: Int?, cents: Int, reason: String) {
        self.applicationID = applicationID
        self.at = at
        self.actor = actor
        self.previousCents = previousCents
        self.cents = cents
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case id
        case applicationID = "application_id"
        case at, actor
        case previousCents = "previous_cents"
        case cents, reason
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
