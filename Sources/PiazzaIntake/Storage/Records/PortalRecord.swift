import Foundation
import GRDB

/// A record of a portal database table: how its values are written, in one place for every table.
///
/// Instants are ISO 8601 UTC text with milliseconds (``Timestamp``); values that are not
/// columns of their own (answers, check results) are JSON text with sorted keys, so that the
/// same value is always the same text (the idempotency key is computed over it).
protocol PortalRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {}

extension PortalRecord {
    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .custom { Timestamp.string($0) }
    }

    static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .custom { value in String.fromDatabaseValue(value).flatMap(Timestamp.date) }
    }

    static func databaseJSONEncoder(for column: String) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func databaseJSONDecoder(for column: String) -> JSONDecoder { JSONDecoder() }
}
