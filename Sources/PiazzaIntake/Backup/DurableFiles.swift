import Foundation

/// fsync for files and folders the backup writes, so that a backup reported complete survives a
/// power cut (a rename or a new name is durable only once its folder is synced).
enum DurableFiles {
    /// Syncs the file or folder at `url` to disk.
    ///
    /// - Throws: ``MaintenanceError`` `.destination` when it cannot be opened or synced.
    static func sync(_ url: URL) throws {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw MaintenanceError(
                .destination, "cannot open \(url.path) to sync it: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw MaintenanceError(.destination, "cannot sync \(url.path) to disk: \(String(cString: strerror(errno)))")
        }
    }

    /// Creates the folder `url` (and its parents) for the daemon's user only (0700: a backup holds
    /// personal data).
    ///
    /// - Throws: ``MaintenanceError`` `.destination` naming the folder.
    static func createFolder(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw MaintenanceError(
                .destination,
                "cannot create the folder \(url.path) (\(reason(error))); pass --output with a folder this user can write"
            )
        }
    }

    /// The system's words for why a file operation failed (`Not a directory`, `No space left on device`),
    /// rather than Foundation's wrapping of them.
    static func reason(_ error: any Error) -> String {
        let system = ((error as? CocoaError)?.underlying ?? error) as NSError
        return system.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32(system.code))) : "\(error)"
    }
}
