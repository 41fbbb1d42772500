import Foundation
import NIOCore

/// What the comune owes one shop for a period (issue 19, item 4): every redemption at the shop in the
/// period that was not voided, oldest first, and their total. The one source of the statement page,
/// its CSV and the shop's credit transfer (``SEPACreditTransfer``).
struct ShopStatement: Sendable, Hashable {
    /// One purchase paid with a voucher.
    struct Line: Sendable, Hashable {
        /// The redemption's id: the number the shop's till page showed (`incassi/{id}`).
        var id: Int64
        var at: Date
        /// ``maskedCode(_:)`` of the voucher.
        var code: String
        var amountCents: Int
    }

    var merchant: MerchantRecord
    var lines: [Line]

    /// The sum of the lines, in cents: what the shop is paid.
    var totalCents: Int { lines.reduce(0) { $0 + $1.amountCents } }

    /// The CSV header (``csv(closed:)``).
    static let header = ["Partita IVA", "Esercente", "Incasso n.", "Data e ora", "Buono", "Importo", "Rimborso"]

    /// The voucher code as statements show it: `****-****-9TRC-A`, the last group and the check character.
    ///
    /// Why masked: a code is a bearer instrument (whoever types it spends its balance) and statements
    /// travel, printed and mailed, between shop, comune and ragioneria. The last five characters let the
    /// shop match a line to its till receipt, while the 40 random bits hidden leave a guess at about 10¹²
    /// tries (``VoucherCode``). The till shows codes the same way once a purchase is made, so its pages,
    /// which every member of the shop's staff can reopen, never spend another household's balance.
    static func maskedCode(_ canonical: String) -> String {
        let shown = 5
        // Retention's replacement (``VoucherRecord/anonymisedCodePrefix``) is no code: shown as it is.
        guard canonical.count > shown, !canonical.hasPrefix(VoucherRecord.anonymisedCodePrefix) else {
            return canonical
        }
        let tail = canonical.suffix(shown)
        return "****-****-" + tail.prefix(4) + "-" + tail.suffix(1)
    }

    /// The statement for Italian Excel (``ExcelCSV``): the header, one row per line, and a last row with
    /// `Totale` and the total; shop's partita IVA and name on every row, and the note of `closed`, the
    /// closed period sharing days with the statement's (``ClosedPeriod/note``, empty while none is), so a
    /// row read alone says whose it is and whether it was reimbursed, as the page says.
    func csv(closed: ClosedPeriod? = nil) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeBytes(ExcelCSV.byteOrderMark)
        ExcelCSV.appendRow(Self.header.map { .text($0) }, to: &buffer)
        let shop: [ReportValue] = [.identifier(merchant.partitaIVA), .text(merchant.name)]
        let note: ReportValue = closed.map { .text($0.note) } ?? .empty
        for line in lines {
            ExcelCSV.appendRow(
                shop + [
                    .integer(Int(line.id)), .instant(line.at), .identifier(line.code), .amount(cents: line.amountCents),
                    note,
                ],
                to: &buffer)
        }
        ExcelCSV.appendRow(shop + [.empty, .empty, .text("Totale"), .amount(cents: totalCents), note], to: &buffer)
        return buffer
    }
}
