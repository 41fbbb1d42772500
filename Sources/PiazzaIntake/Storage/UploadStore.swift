import Foundation

/// Writes uploads under `data/<portal>/uploads/` with random names, synced to disk before the
/// application row that points at them is committed.
struct UploadStore: Sendable {
    /// A file could not be written.
    struct WriteError: Error, CustomStringConvertible {
        var code = "upload_write"
        var message: String
        var cause: (any Error)?

        var description: String { message + (cause.map { " (\($0))" } ?? "") }
    }

    let folder: URL

    /// Writes and fsyncs `data` under a new random name, then fsyncs the folder; returns the name.
    func store(_ data: Data) throws(WriteError) -> String {
        let name = RandomToken.make()
        let path = folder.appendingPathComponent(name).path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw WriteError(message: "cannot create an upload file in \(folder.path)") }
        defer { close(descriptor) }
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let result = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += result
            }
            return true
        }
        guard written, fsync(descriptor) == 0 else {
            unlink(path)
            throw WriteError(message: "cannot write an upload file in \(folder.path)")
        }
        let directory = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
        return name
    }

    /// Removes files written for a submission that was not stored.
    func remove(_ names: [String]) {
        for name in names { unlink(folder.appendingPathComponent(name).path) }
    }
}
