import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// A purchase is paid by one SEPA file: every file that leaves the daemon is recorded (period, shops,
/// amounts, its own message id), and a second file of days an earlier one covers is made only when the
/// operator confirms it on the rimborsi page, which shows who downloaded what and when. Before, nothing
/// recorded a download: a file of an open period, then one of an overlapping period, paid the same
/// purchases twice, under the same `MsgId` for every file of a period.
@Suite("Reimbursement: every SEPA file recorded, a second overlapping one only when confirmed")
struct CreditTransferFileTests {
    typealias Browser = OperatorFixture

    static let juneFile = "/operator/prova/rimborsi/bonifici.xml?" + ReimbursementRoutesTests.june

    /// The `MsgId` of a SEPA file.
    static func messageID(of xml: String) -> String? {
        guard let start = xml.range(of: "<MsgId>"), let end = xml.range(of: "</MsgId>") else { return nil }
        return String(xml[start.upperBound..<end.lowerBound])
    }

    /// The recorded files: message id, days, who, total, confirmed; and the payees of each as
    /// `partita IVA iban cents`.
    static func files(_ operators: OperatorFixture) async throws -> (files: [[String]], payees: [String]) {
        try await operators.app.portals["prova"]!.database.writer.read { db in
            (
                try Row.fetchAll(db, sql: "SELECT * FROM credit_transfer_files ORDER BY id").map { row in
                    [
                        row["message_id"], row["first_day"], row["last_day"], row["made_by"],
                        String(row["total_cents"] as Int), String(row["confirmed_overlap"] as Int),
                    ]
                },
                try Row.fetchAll(db, sql: "SELECT * FROM credit_transfer_payees ORDER BY file_id, partita_iva").map {
                    "\($0["file_id"] as Int) \($0["partita_iva"] as String) \($0["iban"] as String) \($0["amount_cents"] as Int)"
                }
            )
        }
    }

    @Test(
        "after June's file, a file of a period sharing its days gets 409 and the page shows who downloaded it, when and its total; ticking the box makes it, with a new message id",
        arguments: ["dal=2026-06-01&al=2026-06-30", "dal=2026-05-15&al=2026-06-15", "dal=2026-06-01&al=2026-06-01"])
    func overlapping(query: String) async throws {
        try await ReimbursementRoutesTests().withPurchase { client, operators in
            let anna = try await Browser.session(client, "anna")
            let first = try await Browser.get(client, Self.juneFile, session: anna)
            #expect(first.status == .ok)
            let firstID = try #require(Self.messageID(of: String(buffer: first.body)))
            let iban = "IT60X0542811101000000123456"
            let recorded = try await Self.files(operators)
            #expect(recorded.files == [[firstID, "2026-06-01", "2026-06-30", "anna", "1750", "0"]])
            #expect(
                recorded.payees == ["1 \(VoucherFixture.gino) \(iban) 1250", "1 \(VoucherFixture.peraga) \(iban) 500"])

            let capo = try await Browser.session(client, "capo")
            let again = try await Browser.get(client, "/operator/prova/rimborsi/bonifici.xml?" + query, session: capo)
            #expect(again.status == .conflict)
            let said =
                "anna ha scaricato il file del periodo 01/06/2026 – 30/06/2026: 2 esercenti, totale 17,50 € "
                + "(identificativo \(firstID))."
            #expect(String(buffer: again.body).contains(said))
            let pageResponse = try await Browser.get(client, "/operator/prova/rimborsi?" + query, session: capo)
            let page = String(buffer: pageResponse.body)
            #expect(page.contains("è già stato scaricato un file dei bonifici") && page.contains(said))
            #expect(!page.contains(#"<a href="/operator/prova/rimborsi/bonifici.xml"#), "no plain download link")
            #expect(page.contains(#"<input type="checkbox" id="conferma" name="conferma" value="si" required>"#))
            #expect(page.contains(#"<input type="hidden" name="ultimo" value="1">"#))
            let token = try #require(Browser.token(pageResponse))

            let post = { (fields: [(String, String)]) in
                try await Browser.post(
                    client, "/operator/prova/rimborsi/bonifici.xml?" + query, fields,
                    cookies: [OperatorCookies.session: capo])
            }
            #expect(try await post([("_csrf", "x"), ("conferma", "si"), ("ultimo", "1")]).status == .forbidden)
            let unticked = try await post([("_csrf", token), ("ultimo", "1")])
            #expect(unticked.status == .unprocessableContent)
            #expect(String(buffer: unticked.body).contains("spunta la casella di conferma"))
            #expect(try await Self.files(operators).files.count == 1)

            let confirmed = try await post([("_csrf", token), ("conferma", "si"), ("ultimo", "1")])
            #expect(confirmed.status == .ok)
            let secondID = try #require(Self.messageID(of: String(buffer: confirmed.body)))
            #expect(secondID != firstID)
            let files = try await Self.files(operators).files
            #expect(files.count == 2 && files[1][0] == secondID && files[1][3] == "capo" && files[1][5] == "1")

            // A confirmation given on a page older than the newest file covers only what that page showed.
            let stale = try await post([("_csrf", token), ("conferma", "si"), ("ultimo", "1")])
            #expect(stale.status == .conflict)
            #expect(try await Self.files(operators).files.count == 2)
        }
    }

    @Test("a period sharing no day with a downloaded one downloads at once; the records of files never change")
    func separatePeriods() async throws {
        try await ReimbursementRoutesTests().withPurchase { client, operators in
            let anna = try await Browser.session(client, "anna")
            #expect(try await Browser.get(client, Self.juneFile, session: anna).status == .ok)
            let july = "dal=2026-07-01&al=2026-07-31"
            let page = String(
                buffer: try await Browser.get(client, "/operator/prova/rimborsi?" + july, session: anna).body)
            #expect(!page.contains("è già stato scaricato"))
            // July has no purchases: the page offers no file, a download says there is nothing to pay.
            let empty = try await Browser.get(client, "/operator/prova/rimborsi/bonifici.xml?" + july, session: anna)
            #expect(empty.status == .notFound)
            let database = operators.app.portals["prova"]!.database
            for sql in [
                "UPDATE credit_transfer_files SET total_cents = 1", "DELETE FROM credit_transfer_files",
                "UPDATE credit_transfer_payees SET amount_cents = 1", "DELETE FROM credit_transfer_payees",
            ] {
                await #expect(throws: DatabaseError.self, "\(sql)") {
                    try await database.writer.write { db in try db.execute(sql: sql) }
                }
            }
            #expect(try await Self.files(operators).files.count == 1)
        }
    }

    @Test("a message id is BS-, the period and 13 random base32 characters: EPC Latin, 34 characters, never repeated")
    func messageIDs() throws {
        let ids = (0..<1000).map { _ in SEPACreditTransfer.messageID(period: ReimbursementTests.november) }
        #expect(Set(ids).count == 1000)
        for id in ids {
            #expect(id.count == 34 && id.hasPrefix("BS-20261101-20261130-"))
            #expect(SEPACreditTransfer.text(id, limit: 35) == id)
        }
    }
}
