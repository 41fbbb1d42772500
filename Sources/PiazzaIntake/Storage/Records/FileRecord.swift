import GRDB

/// A row of `files`: an upload of an application, stored under `uploads/` with a random name.
struct FileRecord: PortalRecord {
    static let databaseTableName = "files"

    var id: Int64?
    var applicationID: Int64?
    /// The posted name of the form field.
    var field: String
    /// The random file name under `uploads/`.
    var storedName: String
    /// The citizen's file name, cleaned (``PostedForm``): only ever shown as text.
    var originalName: String
    /// The type sniffed from the first bytes, empty when unknown.
    var mime: String
    /// Bytes.
    var size: Int
    /// Lowercase hex SHA-256 of the content.
    var sha256: String

    init(field: String, storedName: String, originalName: String, mime: String, size: Int, sha256: String) {
        self.field = field
        self.storedName = storedName
        self.originalName = originalName
        self.mime = mime
        self.size = size
        self.sha256 = sha256
    }

    enum CodingKeys: String, CodingKey {
        case id
        case applicationID = "application_id"
        case field
        case storedName = "stored_name"
        case originalName = "original_name"
        case mime, size, sha256
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
