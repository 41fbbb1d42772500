import Foundation

/// The uploads a portal database's copy refers to (its `files` rows), put beside the copy.
///
/// A hard link where the backup is on the data folder's filesystem, else a copy synced to disk. A link is
/// as good as a copy here because the daemon never changes an upload: ``UploadStore`` writes each file once
/// under a new name and retention only deletes it, which leaves the linked name and its bytes alone; and it
/// costs no space, so a daily backup does not double the uploads every day.
enum UploadCopy {
    /// What was put in the backup.
    struct Outcome: Sendable, Hashable {
        var files = 0
        var bytes: Int64 = 0
        /// Of ``files``, those hard-linked rather than copied.
        var linked = 0
        /// Files retention deleted between the database's copy and theirs: their case was anonymised
        /// meanwhile, and the restored daemon's next retention pass anonymises it again.
        var removedSince = 0
        /// Files the live database still refers to but that are not in the uploads folder.
        var missing: [String] = []
    }

    /// Links or copies each of `names` from `source` into the existing folder `destination`, then syncs
    /// that folder.
    ///
    /// - Parameter stillReferenced: whether the live database still has a `files` row for a name whose
    ///   file is gone (asked only then).
    /// - Throws: ``MaintenanceError`` `.destination` when a file cannot be written (a full disk included).
    static func write(
        _ names: [String], from source: URL, to destination: URL, stillReferenced: (String) throws -> Bool
    ) throws -> Outcome {
        var outcome = Outcome()
        for name in names {
            let from = source.appendingPathComponent(name)
            let to = destination.appendingPathComponent(name)
            // A stored name is a random token (UploadStore), never a path; anything else is not copied.
            guard RandomToken.isWellFormed(name), try put(from, at: to) else {
                if try stillReferenced(name) { outcome.missing.append(name) } else { outcome.removedSince += 1 }
                continue
            }
            var status = stat()
            if lstat(to.path, &status) == 0 {
                outcome.bytes += Int64(status.st_size)
                if status.st_nlink > 1 { outcome.linked += 1 }
            }
            outcome.files += 1
        }
        try DurableFiles.sync(destination)
        return outcome
    }

    /// Links `from` as `to`, or copies it where a link cannot be made (another filesystem).
    ///
    /// - Returns: false when `from` does not exist.
    private static func put(_ from: URL, at to: URL) throws -> Bool {
        if link(from.path, to.path) == 0 { return true }
        switch errno {
        case ENOENT: return false
        case EXDEV, EPERM, EMLINK, ENOTSUP:
            guard FileManager.default.fileExists(atPath: from.path) else { return false }
            do {
                try FileManager.default.copyItem(at: from, to: to)
            } catch {
                throw MaintenanceError(
                    .destination,
                    "cannot copy \(from.path) to \(to.path) (\(DurableFiles.reason(error))); check the free space of "
                        + "the backup's disk")
            }
            try DurableFiles.sync(to)
            return true
        default:
            throw MaintenanceError(
                .destination,
                "cannot link \(from.path) as \(to.path): \(String(cString: strerror(errno))); "
                    + "check the free space and permissions of the backup's folder")
        }
    }
}
