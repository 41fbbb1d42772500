import Foundation
import GRDB
import HummingbirdTesting
import ItalianIdentifiers
import Testing

@testable import PiazzaIntake

/// One voucher per applicant and measure (``AcceptanceEffects``, ``PortalDatabase/otherVoucherCase(applicationID:measure:on:in:)``):
/// accepting a second voucher case of an applicant whose codice fiscale already has a voucher of the
/// measure is refused on the case page, unless the form says `one_per_applicant: false`.
@Suite("No second voucher for the same applicant")
struct VoucherDoubleFundingTests {
    typealias Browser = OperatorFixture

    static let maria = VoucherFixture.maria

    static func count(_ operators: OperatorFixture, _ sql: String) async throws -> Int {
        try await operators.app.portals["prova"]!.database.writer.read { db in try Int.fetchOne(db, sql: sql)! }
    }

    @Test(
        "a second case of the measure with the applicant's codice fiscale, even omocodic, is refused naming the first")
    func refused() async throws {
        // Maria's voucher issued first.
        try await VoucherFixture.withVoucher { client, operators, _ in
            let first = try await Self.count(operators, "SELECT count(*) FROM vouchers")
            // The same person, her codice fiscale written with an omocodic letter (the last 1 as M).
            let omocodic = "BNCLRA90A41H50M"
            let second = try await VoucherFixture.submit(
                client, form: "buoni",
                IntakeFixture.fields([
                    ("codice_fiscale", omocodic + String(CodiceFiscale.checkCharacter(for: omocodic)!))
                ]))
            let number = try #require(
                try await operators.app.portals["prova"]!.database.writer.read { db in
                    try String.fetchOne(
                        db,
                        sql: """
                            SELECT a.number FROM vouchers v JOIN application_fiscal_codes f
                            ON f.application_id = v.application_id JOIN applications a ON a.id = v.application_id
                            WHERE f.fiscal_code = ?
                            """, arguments: [Self.maria])
                })
            let answer = try await VoucherFixture.acceptance(client, second)
            #expect(answer.status == .unprocessableContent)
            #expect(
                String(buffer: answer.body).contains(
                    IntakeFixture.escaped(
                        "Il richiedente di questa pratica, con lo stesso codice fiscale, ha già un buono spesa di questa "
                            + "misura con la pratica \(number): accogliendo anche questa riceverebbe due buoni.")))
            #expect(try await Self.count(operators, "SELECT count(*) FROM vouchers") == first)
            #expect(
                try await Self.count(
                    operators, "SELECT count(*) FROM applications WHERE number = '\(second)' AND state = 'accolta'")
                    == 0)
        }
    }

    @Test("another applicant, or the same one in another measure, gets a voucher")
    func otherCases() async throws {
        try await VoucherFixture.withVoucher { client, operators, _ in
            _ = try await VoucherFixture.issue(client, operators, form: "altra", fiscalCode: Self.maria)
            _ = try await VoucherFixture.issue(client, operators)
            #expect(try await Self.count(operators, "SELECT count(*) FROM vouchers") == 3)
        }
    }

    @Test("with one_per_applicant: false the comune gives the same applicant a second voucher")
    func switchedOff() async throws {
        var files = VoucherFixture.files
        files["prova/forms/buoni.yaml"]! += "  one_per_applicant: false\n"
        try await VoucherFixture.withVoucher(files: files) { client, operators, _ in
            _ = try await VoucherFixture.issue(client, operators, fiscalCode: Self.maria)
            #expect(
                try await Self.count(
                    operators,
                    "SELECT count(*) FROM vouchers v JOIN application_fiscal_codes f ON f.application_id = v.application_id "
                        + "WHERE f.fiscal_code = '\(Self.maria)'") == 2)
        }
    }
}
