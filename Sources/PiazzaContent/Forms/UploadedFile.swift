/// An uploaded file as the daemon received it: what validation needs to know, not its bytes.
public struct UploadedFile: Sendable, Hashable, Codable {
    /// The file name the browser sent, reduced to its last path component.
    public var filename: String
    /// The type recognised from the file's first bytes (`application/pdf`), or `nil` when unknown.
    public var detectedType: String?
    /// Size in bytes.
    public var size: Int
    /// Lower-case hex SHA-256 of the content.
    public var sha256: String

    /// Describes an upload.
    public init(filename: String, detectedType: String?, size: Int, sha256: String) {
        self.filename = filename
        self.detectedType = detectedType
        self.size = size
        self.sha256 = sha256
    }

    /// The extensions of each type the intake recognises from a file's first bytes; the first is the one added.
    static let extensions = [
        "application/pdf": ["pdf"], "image/jpeg": ["jpg", "jpeg"], "image/png": ["png"], "image/gif": ["gif"],
        "image/webp": ["webp"],
    ]

    /// The type the file's name claims by its extension (`scansione.PDF`: `application/pdf`), among the types the
    /// intake recognises; `nil` for another or no extension. Only to explain a refusal: the type is the bytes'.
    public var claimedType: String? {
        guard filename.contains(".") else { return nil }
        let suffix = filename.split(separator: ".", omittingEmptySubsequences: false).last?.lowercased() ?? ""
        return Self.extensions.first { $0.value.contains(suffix) }?.key
    }

    /// The name the back office and the receipts show and the download offers: ``name(_:ofType:)`` of the name sent
    /// and the type read from the bytes, so that `domanda.bat` holding a PDF reads `domanda.bat.pdf` everywhere.
    public var shownName: String { Self.name(filename, ofType: detectedType) }

    /// `name` ending in an extension of `type`, the type read from the bytes: the operator's computer opens a
    /// download by its extension, so `domanda.bat` holding a PDF is offered as `domanda.bat.pdf`, never run as a
    /// script. A name already ending in one of the type's extensions (any case) is kept; an unknown type gets
    /// `.bin`. The rule of the name the back office's download offers, for every upload path (forms, assisted
    /// entry, integration reply).
    public static func name(_ name: String, ofType type: String?) -> String {
        let accepted = type.flatMap { extensions[$0] } ?? ["bin"]
        let suffix = name.split(separator: ".", omittingEmptySubsequences: false).last.map { $0.lowercased() }
        if name.contains("."), let suffix, accepted.contains(suffix) { return name }
        return name + "." + accepted[0]
    }
}
