import Foundation
import GRDB
import HummingbirdTesting
import PiazzaContent
import Testing

@testable import PiazzaIntake

/// A voucher case is not accepted once its measure's vouchers have expired (findings-s12 #1): the
/// acceptance would issue a voucher every till refuses. The fixture's `buoni` vouchers are valid until
/// 31 December 2026 (``VoucherFixture/files``); the rule is the till's (``VoucherRecord/hasExpired(lastDay:on:)``).
@Suite("No voucher issued after its last day")
struct VoucherExpiryAcceptanceTests {
    static let refusal =
        "I buoni spesa di questa misura valevano fino al 31/12/2026: accolta oggi, la pratica darebbe al cittadino "
        + "un buono già scaduto, che nessun negozio può incassare. Per dare il buono, chi cura il sito sposti più "
        + "avanti la data valid_until sotto voucher nel modulo prova/forms/buoni.yaml (il servizio la legge quando "
        + "riparte); altrimenti respingi la pratica o lasciala in istruttoria."

    /// The case's state and the last days of its vouchers: `accolta 2026-12-31`.
    static func row(_ operators: OperatorFixture, _ number: String) async throws -> [String] {
        try await operators.app.portals["prova"]!.database.writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT a.state FROM applications a WHERE a.number = ?
                    UNION ALL SELECT v.valid_until FROM vouchers v JOIN applications a ON a.id = v.application_id
                    WHERE a.number = ?
                    """, arguments: [number, number])
        }
    }

    /// Moves the daemon's clock from `from` (``IntakeFixture/now`` when `nil`) to `time` in Rome (`2026-12-31 23:59`).
    static func move(_ operators: OperatorFixture, from: String? = nil, to time: String) throws {
        let start = try from.map { try #require(ContentDateTime($0)).instant } ?? IntakeFixture.now
        operators.advance(try #require(ContentDateTime(time)).instant.timeIntervalSince(start))
    }

    @Test("on its last day the voucher is issued; from the next day the acceptance is refused, nothing written")
    func lastDay() async throws {
        let operators = try await VoucherFixture.operators()
        try await operators.app.buildApplication().test(.router) { client in
            var numbers: [String] = []
            for _ in 0..<2 {
                numbers.append(
                    try await VoucherFixture.submit(
                        client, form: "buoni",
                        IntakeFixture.fields([
                            ("note", UUID().uuidString), ("codice_fiscale", VoucherFixture.applicant()),
                        ])))
            }
            try Self.move(operators, to: "2026-12-31 23:59")
            let open = try await OperatorFixture.openCase(client, numbers[0])
            #expect(!(try await open.page(client)).contains("valevano fino al"))
            #expect(try await VoucherFixture.accept(client, numbers[0]) == .seeOther)
            #expect(try await Self.row(operators, numbers[0]) == ["accolta", "2026-12-31"])

            try Self.move(operators, from: "2026-12-31 23:59", to: "2027-01-01 00:01")
            let page = try await OperatorFixture.openCase(client, numbers[1]).page(client)
            #expect(page.contains(IntakeFixture.escaped(Self.refusal)))
            let refused = try await VoucherFixture.acceptance(client, numbers[1])
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains(IntakeFixture.escaped(Self.refusal)))
            #expect(try await Self.row(operators, numbers[1]) == ["presa_in_carico"])
        }
    }

    @Test("an accepted case shows no warning: only a case still open, which could be accepted, does")
    func finalCases() async throws {
        let operators = try await VoucherFixture.operators()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await VoucherFixture.submit(
                client, form: "buoni",
                IntakeFixture.fields([("note", UUID().uuidString), ("codice_fiscale", VoucherFixture.applicant())]))
            #expect(try await VoucherFixture.accept(client, number) == .seeOther)
            try Self.move(operators, to: "2027-01-02 09:00")
            #expect(!(try await OperatorFixture.openCase(client, number).page(client)).contains("valevano fino al"))
        }
    }
}
