import Foundation
import GRDB

extension PortalDatabase {
    /// The citizen's reply to an integration request: the step to `integrata` by `actor` with the
    /// reply's `text`, and the files sent with it, stored with the application under
    /// ``IntegrationController/filesField``.
    ///
    /// The files are written and synced first, as the intake's (``UploadStore/store(_:)``), then the
    /// step and the file rows go in one transaction; when the step is refused (the case is no longer
    /// waiting) or the transaction fails, the files written are removed and nothing is stored.
    ///
    /// - Throws: ``UploadStore/WriteError`` when a file cannot be written, GRDB's error when the
    ///   transaction fails.
    func recordIntegrationReply(
        number: String, text: String, files uploads: [ApplicationDraft.Upload], actor: String, at date: Date
    ) async throws -> StateChange {
        var files: [FileRecord] = []
        do {
            for upload in uploads {
                files.append(
                    FileRecord(
                        field: IntegrationController.filesField, storedName: try self.uploads.store(upload.bytes),
                        originalName: upload.file.filename, mime: upload.file.detectedType ?? "",
                        size: upload.file.size, sha256: upload.file.sha256))
            }
            let change = try await committer.write { [files] db in
                let (change, id) = try Self.changeState(
                    number: number, to: .integrated, reason: text, actor: actor, at: date, in: db)
                if let id {
                    for var file in files {
                        file.applicationID = id
                        try file.insert(db)
                    }
                }
                return change
            }
            if change != .changed { self.uploads.remove(files.map(\.storedName)) }
            return change
        } catch {
            self.uploads.remove(files.map(\.storedName))
            throw error
        }
    }
}
