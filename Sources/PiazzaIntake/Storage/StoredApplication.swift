import Foundation
import PiazzaContent

/// An application as read back from the database.
struct StoredApplication: Sendable {
    struct Event: Sendable {
        var at: Date
        var state: String
        var note: String?
    }

    var token: String
    var number: String
    var formID: String
    var submittedAt: Date
    var channel: String
    var application: ValidatedApplication
    var checks: [CheckResult]
    var benefitCents: Int?
    var state: String
    var events: [Event]
}
