import GRDB
import NIOCore

/// The public outcomes list (esiti, graduatoria) of one form, as CSV (``ExcelCSV``) or XLSX:
/// numero pratica and outcome of every decided case, in number order — never a name or any other
/// answer, so an editor can publish it as it is (research/domain.md §3.8: publication by numero
/// pratica only).
struct OutcomesExport: Sendable {
    let database: PortalDatabase
    let formID: String
    /// CSV or XLSX (``ReportTables``).
    var format = ReportFormat.csv

    /// Writes the whole list to `sink`: CSV one chunk per batch, XLSX once complete.
    ///
    /// - Throws: the database's error, `sink`'s, or the XLSX working files'.
    func write(to sink: (ByteBuffer) async throws -> Void) async throws {
        let table = try ReportTables.make(
            format, header: ["Numero pratica", "Esito"], sheet: "Esiti", scratch: database.scratchFolder)
        try await Batches.forEach(
            read: { try await database.outcomes(formID: formID, after: $0, limit: $1) }, id: \.id
        ) { batch in
            for outcome in batch { table.append([.text(outcome.number), .text(Pages.stateLabel(outcome.state))]) }
            try await table.endBatch(to: sink)
        }
        try await table.finish(to: sink)
    }
}

extension PortalDatabase {
    /// The decided cases (accolta, respinta) of one form, by id, `limit` after the application `after`.
    ///
    /// On the rowid, as ``exportBatchSQL(since:)`` and for the same reason (the unary `+`): through the
    /// form-and-state index every batch would read and sort all the form's decided cases.
    func outcomes(formID: String, after: Int64?, limit: Int) async throws -> [(
        id: Int64, number: String, state: ApplicationState
    )] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, number, state FROM applications
                    WHERE +form_id = ? AND +state IN ('accolta', 'respinta') AND id > ? ORDER BY id LIMIT ?
                    """, arguments: [formID, after ?? 0, limit]
            ).compactMap { row in
                ApplicationState(rawValue: row["state"]).map { (row["id"], row["number"], $0) }
            }
        }
    }
}
