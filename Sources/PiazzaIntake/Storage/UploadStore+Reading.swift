import Foundation

extension UploadStore {
    /// The bytes of the upload stored as `name`; `nil` when `name` is not a name the store gives
    /// (``RandomToken``: so never a path) or the file is gone.
    func read(_ name: String) -> Data? {
        guard RandomToken.isWellFormed(name) else { return nil }
        return FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
    }
}
