import Foundation

/// What a citizen posted to a form, before validation.
///
/// Posted names follow the form contract: a field's `name`, group rows as `group.N.field`, ISEE as
/// `name.importo` and `name.dsu`; the hidden keys `_key`, `_ts` and the honeypot `sito_web` may be
/// present and are ignored by validation.
public struct FormSubmission: Sendable, Hashable {
    /// Every posted text value by posted name, in the order sent.
    public var values: [String: [String]]
    /// Uploaded files by posted name.
    public var files: [String: UploadedFile]

    /// Creates a submission from posted values and uploads.
    public init(values: [String: [String]], files: [String: UploadedFile] = [:]) {
        self.values = values
        self.files = files
    }

    /// The first value posted under `name`, trimmed; `nil` when missing or blank.
    public func value(_ name: String) -> String? {
        guard let first = values[name]?.first else { return nil }
        let trimmed = Self.trimmed(first)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Every non-blank value posted under `name`, trimmed.
    public func allValues(_ name: String) -> [String] {
        (values[name] ?? []).map(Self.trimmed).filter { !$0.isEmpty }
    }

    /// `text` without leading and trailing white space (Unicode `White_Space`, line breaks included).
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace {
            end = scalars.index(before: end)
        }
        return start == scalars.startIndex && end == scalars.endIndex ? text : String(scalars[start..<end])
    }
}
