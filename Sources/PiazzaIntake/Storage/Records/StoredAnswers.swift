import Foundation
import GRDB
import PiazzaContent

/// The value of the `applications.answers` column: validated answers and the JSON text that stores them,
/// encoded once (``ApplicationRecord/storedText(of:)``).
///
/// The idempotency key is computed over this very text (``ApplicationDraft/init(formID:submittedAt:channel:application:checks:household:fiscalCodes:benefitCents:idempotencyKey:uploads:)``)
/// and the row stores it as it is, so a submission is encoded once and not again inside the write transaction.
struct StoredAnswers: Sendable, Hashable {
    var application: ValidatedApplication
    /// JSON with sorted keys, as ``PortalRecord`` writes every JSON column.
    var text: String

    /// Encodes `application`.
    init(_ application: ValidatedApplication) {
        self.init(application: application, text: ApplicationRecord.storedText(of: application))
    }

    private init(application: ValidatedApplication, text: String) {
        self.application = application
        self.text = text
    }
}

extension StoredAnswers: DatabaseValueConvertible {
    var databaseValue: DatabaseValue { text.databaseValue }

    static func fromDatabaseValue(_ value: DatabaseValue) -> StoredAnswers? {
        guard let text = String.fromDatabaseValue(value),
            let application = StoredJSONReader.application(text)
                ?? (try? ApplicationRecord.databaseJSONDecoder(for: "answers")
                    .decode(ValidatedApplication.self, from: Data(text.utf8)))
        else { return nil }
        return StoredAnswers(application: application, text: text)
    }
}

/// As the application (GRDB reads and writes the column through ``DatabaseValueConvertible``; this is
/// for `Codable` records holding it).
extension StoredAnswers: Codable {
    init(from decoder: any Decoder) throws {
        self.init(try ValidatedApplication(from: decoder))
    }

    func encode(to encoder: any Encoder) throws {
        try application.encode(to: encoder)
    }
}
