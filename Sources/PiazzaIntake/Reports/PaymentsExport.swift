import Foundation
import ItalianIdentifiers
import NIOCore
import PiazzaContent

/// The payments list for the ragioneria as CSV (``ExcelCSV``) or XLSX: numero pratica, IBAN from
/// the answers, amount, causale, then the payment's state, date and reference and the form's title.
/// Written a batch at a time, like every export.
struct PaymentsExport: Sendable {
    let database: PortalDatabase
    let portal: Portal
    /// Only the cases due, or paid; `nil` for both.
    let state: PaymentState?
    /// CSV or XLSX (``ReportTables``).
    var format = ReportFormat.csv
    /// Who downloads the list and when, to record its cases due (``PortalDatabase/recordDue(_:inList:actor:at:)``)
    /// before each batch is written; `nil` for a list that does not leave the daemon (a `HEAD`).
    var recording: (actor: String, at: Date)? = nil

    static let header = [
        "Numero pratica", "IBAN", "Importo", "Causale", "Stato pagamento", "Data pagamento", "Riferimento", "Modulo",
    ]

    /// Writes the whole list to `sink`: CSV one chunk per batch, XLSX once complete; a case due that
    /// was in an earlier list says so in its state (``PaymentEntry/stateText``).
    ///
    /// - Throws: the database's error, `sink`'s, or the XLSX working files'.
    func write(to sink: (ByteBuffer) async throws -> Void) async throws {
        let table = try ReportTables.make(
            format, header: Self.header, sheet: "Pagamenti", scratch: database.scratchFolder)
        var list: Int64?
        try await Batches.forEach(
            read: { try await database.paymentList(state: state, after: $0, limit: $1) },
            id: \.applicationID
        ) { batch in
            if let recording {
                list = try await database.recordDue(
                    batch.filter { $0.state == .due }.map(\.applicationID), inList: list, actor: recording.actor,
                    at: recording.at)
            }
            for entry in batch {
                let form = portal.form(id: entry.formID)
                let title = form?.title ?? entry.formID
                table.append(
                    [
                        .text(entry.number),
                        .identifier(Payments.iban(in: entry.answers.application, form: form) ?? ""),
                        .amount(cents: entry.payment?.amountCents ?? entry.benefitCents),
                        .text(Payments.causale(number: entry.number, formTitle: title)), .text(entry.stateText),
                        entry.payment.map { .date($0.paidOn) } ?? .empty,
                        entry.payment.map { .text($0.reference) } ?? .empty, .text(title),
                    ])
            }
            try await table.endBatch(to: sink)
        }
        try await table.finish(to: sink)
    }
}
