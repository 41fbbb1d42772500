import Foundation

/// Instants stored as ISO 8601 UTC with milliseconds.
enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func string(_ date: Date) -> String { date.formatted(style) }

    static func date(_ text: String) -> Date? { try? Date(text, strategy: style) }
}
