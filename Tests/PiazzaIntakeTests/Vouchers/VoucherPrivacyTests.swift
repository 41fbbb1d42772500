import Foundation
import GRDB
import HummingbirdTesting
import PiazzaContent
import Testing

@testable import PiazzaIntake

/// Vouchers under the GDPR: the data-subject export carries them, retention leaves nothing of the
/// citizen in them while the money figures stay.
@Suite("Vouchers in the data-subject export and in retention")
struct VoucherPrivacyTests {
    /// Maria Bianchi, the applicant of ``IntakeFixture/fields(_:removing:)``, and Mario, her household member.
    static let maria = SubjectAccessTests.maria
    static let mario = SubjectAccessTests.mario

    /// Redeems 40 € and 15 € of `code` at Da Gino's till and voids the 15 €; the redemptions' ids.
    static func shop(_ client: some TestClientProtocol, _ operators: OperatorFixture, code: String) async throws {
        let cassa = try await OperatorFixture.session(client, "cassa")
        for amount in ["40,00", "15,00"] {
            let form = try await VoucherFixture.form(client, session: cassa)
            #expect(
                try await VoucherFixture.redeem(client, session: cassa, code: code, amount: amount, form: form).status
                    == .ok)
        }
        let database = try #require(operators.app.portals["prova"]).database
        let voided = try #require(
            try await database.writer.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM redemptions WHERE amount_cents = 1500")
            })
        #expect(
            try await database.voidRedemption(
                id: voided, merchantID: 1, staff: "cassa", at: IntakeFixture.now, window: 600) == .voided)
    }

    @Test("the applicant's export carries the voucher, its balance and every purchase; a household member's does not")
    func export() async throws {
        try await VoucherFixture.withVoucher { client, operators, code in
            try await Self.shop(client, operators, code: code)
            let capo = try await OperatorFixture.session(client, "capo")
            let response = try await SubjectAccessTests.export(client, portal: "prova", code: Self.maria, session: capo)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)))
            let cases = try #require((json as? [String: Any])?["pratiche"] as? [[String: Any]])
            let voucher = try #require(cases.compactMap { $0["buono"] as? [String: Any] }.first)
            #expect(voucher["codice"] as? String == VoucherCode(typed: code)?.description)
            #expect(voucher["misura"] as? String == "buoni-spesa")
            #expect(voucher["importo_centesimi"] as? Int == 25_000 && voucher["saldo_centesimi"] as? Int == 21_000)
            #expect(voucher["valido_fino_al"] as? String == "2026-12-31")
            let purchases = try #require(voucher["acquisti"] as? [[String: Any]])
            #expect(purchases.map { $0["esercente"] as? String } == ["Alimentari Da Gino", "Alimentari Da Gino"])
            #expect(purchases.map { $0["importo_centesimi"] as? Int } == [4_000, 1_500])
            #expect(purchases.map { $0["annullato"] as? Bool } == [false, true])
            #expect(purchases.map { $0["il"] as? String } == ["2026-06-01T10:00:00Z", "2026-06-01T10:00:00Z"])
            #expect(purchases.map { $0["annullato_il"] as? String } == [nil, "2026-06-01T10:00:00Z"])

            // The code is a bearer token: a household member's export does not hand it over.
            let member = try await SubjectAccessTests.export(client, portal: "prova", code: Self.mario, session: capo)
            let text = String(buffer: member.body)
            #expect(text.contains("componente del nucleo") && !text.contains("buono") && !text.contains(code))
        }
    }

    @Test("retention replaces the code; statements of a closed period, the dashboard's figures and the purchases stay")
    func retention() async throws {
        try await VoucherFixture.withVoucher { client, operators, code in
            try await Self.shop(client, operators, code: code)
            let database = try #require(operators.app.portals["prova"]).database
            let june = ReimbursementPeriod.month(of: IntakeFixture.now)
            let july = ContentDateTime("2026-07-02 12:00")!.instant
            #expect(
                try await database.closeReimbursement(june, actor: "capo", at: july, window: 600, campaignStart: nil)
                    == .closed(shops: 1, totalCents: 4_000))
            let day = ContentDateTime.romeDay(of: july)
            let figures = try await database.voucherFigures(on: day)
            let statements = try await database.shopStatements(for: june)
            let purchases = try await database.writer.read { db in try RedemptionRecord.fetchAll(db) }
            #expect(statements.map(\.totalCents) == [4_000])

            // Past the buoni case's deadline (5 years), before the shops' enrolments' (10 years).
            let later = ContentDateTime("2032-01-01 12:00")!.instant
            #expect(try await database.anonymiseExpiredCases(at: later).anonymised == 1)

            #expect(try await database.voucherFigures(on: day) == figures)
            let after = try await database.shopStatements(for: june)
            #expect(after.map(\.totalCents) == [4_000])
            #expect(after.map { $0.lines.map(\.amountCents) } == statements.map { $0.lines.map(\.amountCents) })
            #expect(try await database.writer.read { db in try RedemptionRecord.fetchAll(db) } == purchases)
            let voucher = try #require(try await database.writer.read { db in try VoucherRecord.fetchOne(db) })
            #expect(voucher.code == "anonimizzato-\(voucher.id ?? 0)")
            #expect(after.flatMap { $0.lines.map(\.code) } == [voucher.code])
            #expect(
                voucher.amountCents == 25_000 && voucher.measure == "buoni-spesa" && voucher.validUntil == "2026-12-31")
            // The old code opens nothing any more.
            #expect(
                try await database.redeem(code: code, cents: 100, merchantID: 1, staff: "cassa", key: "k", at: later)
                    == .unknownCode)
            // Nothing in any table names her: not the code, her name, her codice fiscale nor her household.
            let everything = try await database.writer.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'").flatMap { table in
                    try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").flatMap { row in
                        row.databaseValues.map(\.description)
                    }
                }.joined(separator: "\n")
            }
            for trace in [code, VoucherCode(typed: code)?.description ?? code, "Maria Bianchi", Self.maria, Self.mario]
            {
                #expect(!everything.contains(trace), "\(trace)")
            }
        }
    }
}
