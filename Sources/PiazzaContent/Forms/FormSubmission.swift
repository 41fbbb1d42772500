import Foundation
import ItalianIdentifiers

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

    /// The hidden names every form page posts besides its fields: the one-time key `_key`, the fill time `_ts`
    /// and the honeypot `sito_web`.
    public static let hiddenNames: Set<String> = ["_key", "_ts", "sito_web"]

    /// The most UTF-8 bytes kept of a hidden value: a key is 26 characters, a fill time a few digits.
    public static let hiddenValueBytes = 256

    /// Creates a submission from posted values and uploads.
    public init(values: [String: [String]], files: [String: UploadedFile] = [:]) {
        self.values = values
        self.files = files
    }

    /// The first value posted under `name`, normalised by ``TypedText/normalized(_:multiline:)`` (invisible and
    /// control characters removed, spaces unified, NFC, trimmed); `nil` when missing or blank.
    ///
    /// - Parameter multiline: whether line breaks are kept (textarea) rather than turned into spaces.
    public func value(_ name: String, multiline: Bool = false) -> String? {
        guard let first = values[name]?.first else { return nil }
        let text = TypedText.normalized(first, multiline: multiline)
        return text.isEmpty ? nil : text
    }

    /// Every non-blank value posted under `name`, normalised as single-line text like ``value(_:multiline:)``.
    public func allValues(_ name: String) -> [String] {
        (values[name] ?? []).map { TypedText.normalized($0) }.filter { !$0.isEmpty }
    }
}
