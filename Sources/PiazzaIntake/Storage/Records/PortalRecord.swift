import Foundation
import GRDB

/// A record of a portal database table: how its values are written, in one place for every table.
///
/// Instants are ISO 8601 UTC text with milliseconds (``Timestamp``); values that are not
/// columns of their own (answers, check results) are JSON text with sorted keys, so that the
/// same value is always the same text (the idempotency key is computed over it).
///
/// The records inserted for every submission write their columns by hand in
/// `encode(to container: inout PersistenceContainer)`, GRDB's fast path, with the same values the `Codable`
/// encoding gives (``Timestamp/string(_:)``, ``StoredJSONWriter`` for answers and checks, raw values);
/// reads stay `Codable`.
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

    /// `value` as the JSON text a `column` stores, with ``databaseJSONEncoder(for:)``: what GRDB's `Codable`
    /// encoding writes, for records whose hot inserts write their columns by hand.
    ///
    /// - Throws: the JSON encoder's error.
    static func jsonText(_ value: some Encodable, column: String) throws -> String {
        String(decoding: try databaseJSONEncoder(for: column).encode(value), as: UTF8.self)
    }
}
