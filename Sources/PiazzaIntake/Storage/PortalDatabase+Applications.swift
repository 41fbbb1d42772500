import Foundation
import GRDB
import PiazzaContent

extension PortalDatabase {
    /// Stores a valid application durably, or returns the receipt of the same submission stored before.
    ///
    /// With uploads, looks for an earlier application with the draft's idempotency key first (a
    /// double click writes no upload) and writes and syncs the uploads; then inserts the application
    /// in a group commit, checking the key there: the writer is single, so two simultaneous identical
    /// posts give one row. Returns only once the transaction holding the row has committed.
    /// Uploads of a submission that was not stored, or was a repeat, are removed.
    ///
    /// - Returns: the receipt; `isNew` is `false` for a repeat.
    /// - Throws: ``UploadStore/WriteError`` when an upload cannot be written, GRDB's error when
    ///   the transaction fails; nothing is stored then.
    func storeApplication(_ draft: ApplicationDraft) async throws -> StoredReceipt {
        // Without uploads the check inside the transaction is enough: a read first would cost every
        // submission a trip to a reader connection.
        if !draft.uploads.isEmpty, let earlier = try await receipt(forKey: draft.idempotencyKey) { return earlier }
        var files: [FileRecord] = []
        do {
            for upload in draft.uploads {
                files.append(
                    FileRecord(
                        field: upload.field, storedName: try uploads.store(upload.bytes),
                        originalName: upload.file.filename, mime: upload.file.detectedType ?? "",
                        size: upload.file.size, sha256: upload.file.sha256))
            }
            let token = RandomToken.make()
            let receipt = try await committer.write { [files] db in
                try Self.insert(draft, token: token, files: files, numbers: numbers, in: db)
            }
            if !receipt.isNew { uploads.remove(files.map(\.storedName)) }
            return receipt
        } catch {
            uploads.remove(files.map(\.storedName))
            throw error
        }
    }

    /// The receipt of the application stored with this idempotency key (same form, key and answers).
    func receipt(forKey key: String) async throws -> StoredReceipt? {
        try await writer.read { db in try ApplicationRecord.receipt(forKey: key, in: db) }
    }

    /// An application and its history, by receipt token.
    func application(token: String) async throws -> StoredApplication? {
        try await writer.read { db in
            try ApplicationRecord
                .filter(ApplicationRecord.Columns.token == token)
                .including(all: ApplicationRecord.events)
                .asRequest(of: StoredApplication.self)
                .fetchOne(db)
        }
    }

    /// Inserts an application with its key and retention deadline, its first event, household and files (and,
    /// for an assisted submission, its audit entry) inside the caller's transaction, unless the key is already
    /// there.
    ///
    /// Takes the next numero pratica of the year in Rome (``Counter/next(year:in:)``), covered by `numbers`
    /// before the transaction commits, and completes the household check with the earlier applications.
    private static func insert(
        _ draft: ApplicationDraft, token: String, files: [FileRecord], numbers: NumberReservation?, in db: Database
    ) throws -> StoredReceipt {
        if let earlier = try ApplicationRecord.receipt(forKey: draft.idempotencyKey, in: db) { return earlier }
        let year = draft.year
        var checks = draft.checks
        if let household = draft.household {
            let earlier = try HouseholdMember.earlierNumbers(
                scope: household.scope, fiscalCodes: household.fiscalCodes, limit: household.earlierLimit, in: db)
            checks.append(household.result(earlier))
        }
        let seq = try Counter.next(year: year, in: db)
        try numbers?.cover(seq, year: year)
        let application = ApplicationRecord(
            token: token, year: year, seq: seq, formID: draft.formID,
            submittedAt: draft.submittedAt, channel: draft.channel, answers: draft.answers, checks: checks,
            benefitCents: draft.benefitCents, state: .submitted)
        let id = try application.insertSubmission(
            retentionEnds: draft.retentionEnds, idempotencyKey: draft.idempotencyKey, in: db)
        try ApplicationEvent(
            applicationID: id, at: draft.submittedAt, state: .submitted, note: draft.channel.submissionNote,
            actor: draft.assistedBy ?? draft.channel.rawValue
        ).insertRow(db)
        if let name = draft.assistedBy {
            try AuditChain.append(
                AuditEvent(
                    at: draft.submittedAt, actor: name, action: .submitAssisted, caseNumber: application.number,
                    detail: draft.formID),
                in: db)
        }
        try insertFiscalCodes(draft.fiscalCodes, applicationID: id, in: db)
        if let household = draft.household {
            for code in household.fiscalCodes {
                try HouseholdMember(applicationID: id, fiscalCode: code, scope: household.scope).insertRow(db)
            }
        }
        for var file in files {
            file.applicationID = id
            try file.insert(db)
        }
        return StoredReceipt(token: token, number: application.number, isNew: true)
    }
}
