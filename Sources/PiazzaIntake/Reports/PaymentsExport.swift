import ItalianIdentifiers
import NIOCore
import PiazzaContent

/// The payments list for the ragioneria as CSV (``ExcelCSV``): numero pratica, IBAN from the
/// answers, amount, causale, then the payment's state, date and reference and the form's title.
/// Written a batch at a time, like every export.
struct PaymentsExport: Sendable {
    let database: PortalDatabase
    let portal: Portal
    /// Only the cases due, or paid; `nil` for both.
    let state: PaymentState?

    static let header = [
        "Numero pratica", "IBAN", "Importo", "Causale", "Stato pagamento", "Data pagamento", "Riferimento", "Modulo",
    ]

    /// Writes the whole list to `sink`, one chunk per batch.
    ///
    /// - Throws: the database's error, or `sink`'s.
    func write(to sink: (ByteBuffer) async throws -> Void) async throws {
        var buffer = ByteBuffer()
        buffer.writeBytes(ExcelCSV.byteOrderMark)
        ExcelCSV.appendRow(Self.header.map { .text($0) }, to: &buffer)
        try await Batches.forEach(
            read: { try await database.paymentList(state: state, after: $0, limit: $1) },
            id: \.applicationID
        ) { batch in
            for entry in batch {
                let form = portal.form(id: entry.formID)
                let title = form?.title ?? entry.formID
                ExcelCSV.appendRow(
                    [
                        .text(entry.number), .text(Payments.iban(in: entry.answers.application, form: form) ?? ""),
                        .amount(cents: entry.payment?.amountCents ?? entry.benefitCents),
                        .text(Payments.causale(number: entry.number, formTitle: title)), .text(entry.state.label),
                        entry.payment.map { .date($0.paidOn) } ?? .empty,
                        entry.payment.map { .text($0.reference) } ?? .empty, .text(title),
                    ], to: &buffer)
            }
            try await sink(buffer)
            buffer.clear()
        }
    }
}
