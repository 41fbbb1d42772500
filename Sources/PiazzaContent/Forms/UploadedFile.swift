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
}
