import Foundation
import GRDB

/// A row of `messages`: a message an operator wrote to the citizen about one application, shown
/// on the citizen's status page (`/r/{token}`) with its date.
struct CaseMessage: PortalRecord {
    static let databaseTableName = "messages"

    var id: Int64?
    var applicationID: Int64
    var at: Date
    /// The operator who wrote it; shown to operators only.
    var author: String
    /// Typed text (``TypedText/normalized(_:multiline:)``), at most ``Workflow/reasonLimit`` characters.
    var text: String

    init(applicationID: Int64, at: Date, author: String, text: String) {
        self.applicationID = applicationID
        self.at = at
        self.author = author
        self.text = text
    }

    enum CodingKeys: String, CodingKey {
        case id
        case applicationID = "application_id"
        case at, author, text
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
