import Foundation
import GRDB

/// A row of `application_events`: one step of an application's history.
struct ApplicationEvent: SubmissionRow {
    static let databaseTableName = "application_events"

    var id: Int64?
    var applicationID: Int64
    var at: Date
    /// The state the application entered.
    var state: ApplicationState
    /// What happened, in Italian, shown to the citizen on the receipt.
    var note: String?
    /// Who did it: the submission channel for the first event, later an operator.
    var actor: String?

    init(applicationID: Int64, at: Date, state: ApplicationState, note: String?, actor: String?) {
        self.applicationID = applicationID
        self.at = at
        self.state = state
        self.note = note
        self.actor = actor
    }

    enum CodingKeys: String, CodingKey {
        case id
        case applicationID = "application_id"
        case at, state, note, actor
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
    }

    static let insertedColumns = [
        CodingKeys.id.rawValue, CodingKeys.applicationID.rawValue, CodingKeys.at.rawValue, CodingKeys.state.rawValue,
        CodingKeys.note.rawValue, CodingKeys.actor.rawValue,
    ]
    static let insertSQL = insertStatementSQL()

    var columnValues: [(any DatabaseValueConvertible)?] {
        [id, applicationID, Timestamp.string(at), state, note, actor]
    }

    func encode(to container: inout PersistenceContainer) { encodeColumns(to: &container) }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
