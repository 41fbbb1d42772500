import Foundation
import GRDB
import ItalianIdentifiers
import PiazzaContent
import Testing

@testable import PiazzaContent
@testable import PiazzaIntake

/// Vouchers, merchants and redemptions on an in-memory portal database: issuing at acceptance, the
/// balance, idempotency, the void window, expiry and enrolment.
@Suite("Voucher storage")
final class VoucherStoreTests {
    let uploads = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-vouchers-\(UUID())")
    let database: PortalDatabase
    let effects: AcceptanceEffects
    let benefitForms: BenefitForms

    /// 1 June 2026, 12:00 in Rome.
    static let june = IntakeFixture.now

    init() throws {
        try FileManager.default.createDirectory(at: uploads, withIntermediateDirectories: true)
        database = try PortalDatabase(portalID: "prova", writer: DatabaseQueue(), uploadsFolder: uploads)
        let sink = DiagnosticSink()
        let forms = [
            ("buoni", IntakeFixture.form + "\nmeasure: buoni-spesa\nvoucher:\n  valid_until: 2026-12-31\n"),
            ("altra", IntakeFixture.form + "\nmeasure: altra-misura\nvoucher:\n  valid_until: 2026-12-31\n"),
            ("adesione", try #require(VoucherFixture.files["prova/forms/adesione.yaml"])),
        ].compactMap { FormDefinition.load(id: $0.0, source: "prova/forms/\($0.0).yaml", text: $0.1, sink: sink) }
        #expect(sink.list.items.isEmpty && forms.count == 3, "\(sink.list.items)")
        effects = AcceptanceEffects(forms: forms)
        benefitForms = BenefitForms(forms: forms)
    }

    deinit {
        try? FileManager.default.removeItem(at: uploads)
    }

    /// Stores a case of `form` with `answers` and `cents` as its benefit; its numero pratica.
    func store(_ form: String, _ answers: [Answer] = [], cents: Int? = 25_000) async throws -> String {
        let draft = ApplicationDraft(
            formID: form, submittedAt: Self.june, channel: .online,
            application: ValidatedApplication(formID: form, answers: answers + [Answer(name: "n", value: .text(form))]),
            checks: [], household: nil, fiscalCodes: [], benefitCents: cents,
            idempotencyKey: { _ in UUID().uuidString }, uploads: [])
        return try await database.storeApplication(draft).number
    }

    /// Takes the case in charge and accepts it with the effects of the forms.
    func accept(_ number: String) async throws -> PortalDatabase.StateChange {
        _ = try await database.changeState(
            number: number, to: .takenInCharge, reason: nil, actor: "anna", at: Self.june)
        return try await database.changeState(
            number: number, to: .accepted, reason: nil, actor: "anna", at: Self.june, effects: effects)
    }

    /// Enrols a shop through an accepted enrolment case; its merchant id.
    func enrol(_ partitaIVA: String, name: String = "Alimentari Da Gino") async throws -> Int64 {
        let number = try await store(
            "adesione",
            [
                Answer(name: "insegna", value: .text(name)), Answer(name: "partita_iva", value: .text(partitaIVA)),
                Answer(name: "iban", value: .text("IT60X0542811101000000123456")),
            ], cents: nil)
        #expect(try await accept(number) == .changed)
        return try #require(try await database.merchant(partitaIVA: partitaIVA)?.merchant.id)
    }

    /// Issues a voucher of `form` worth `cents`; its canonical code.
    func issue(_ form: String = "buoni", cents: Int = 25_000) async throws -> String {
        let number = try await store(form, cents: cents)
        #expect(try await accept(number) == .changed)
        return try #require(
            try await database.writer.read { db in
                try String.fetchOne(
                    db,
                    sql:
                        "SELECT code FROM vouchers WHERE application_id = (SELECT id FROM applications WHERE number = ?)",
                    arguments: [number])
            })
    }

    func redeem(
        _ code: String, _ cents: Int, merchant: Int64, key: String = UUID().uuidString, at date: Date = june
    ) async throws -> PortalDatabase.RedemptionOutcome {
        try await database.redeem(code: code, cents: cents, merchantID: merchant, staff: "cassa", key: key, at: date)
    }

    func count(_ sql: String) async throws -> Int {
        try await database.writer.read { db in try Int.fetchOne(db, sql: sql)! }
    }

    @Test("accepting a case of a voucher measure issues, in the same step, a voucher worth its benefit, audited")
    func issuing() async throws {
        let number = try await store("buoni", cents: 35_000)
        #expect(try await accept(number) == .changed)
        let row = try #require(
            try await database.writer.read { db in
                try Row.fetchOne(db, sql: "SELECT code, measure, amount_cents, valid_until, issued_by FROM vouchers")
            })
        let code: String = row["code"]
        #expect(VoucherCode(typed: code)?.canonical == code)
        #expect(row["measure"] as String == "buoni-spesa")
        #expect(row["amount_cents"] as Int == 35_000)
        #expect(row["valid_until"] as String == "2026-12-31")
        #expect(row["issued_by"] as String == "anna")
        #expect(try await count("SELECT count(*) FROM audit_log WHERE action = 'issue_voucher'") == 1)
        // A case of a form without `voucher:` gets none.
        let plain = try await store("domanda")
        #expect(try await accept(plain) == .changed)
        #expect(try await count("SELECT count(*) FROM vouchers") == 1)
    }

    @Test("once its voucher is issued, a case's benefit amount is not changed")
    func benefitLocked() async throws {
        let number = try await store("buoni", cents: 25_000)
        #expect(try await accept(number) == .changed)
        #expect(
            try await database.setBenefit(
                number: number, cents: 50_000, reason: "errore", actor: "anna", at: Self.june,
                benefitForms: benefitForms)
                == .refused(
                    "Per la pratica \(number) è già stato emesso il buono spesa da 250,00 €: l'importo non si può più "
                        + "modificare."))
        #expect(try await count("SELECT benefit_cents FROM applications") == 25_000)
    }

    @Test("an accepted voucher case is not paid by transfer: not in the payments list, refused, no payment state")
    func notPaidByTransfer() async throws {
        let voucher = try await store("buoni", cents: 25_000)
        #expect(try await accept(voucher) == .changed)
        let transfer = try await store("domanda", cents: 10_000)
        #expect(try await accept(transfer) == .changed)
        let listed = try await database.paymentList(state: nil, after: nil, limit: 10).map(\.number)
        #expect(listed == [transfer])
        let day = try ItalianDate("2026-06-01")
        #expect(
            try await database.markPaid(
                numbers: [voucher], on: day, reference: "Mandato 1", actor: "anna", at: Self.june)
                == .refused([
                    "La pratica \(voucher) è erogata con un buono spesa: non si paga con un bonifico al cittadino, "
                        + "si rimborsano gli esercenti."
                ]))
        #expect(try await count("SELECT count(*) FROM payments") == 0)
        let exported = try await database.exportBatch(formID: "buoni", since: nil, after: nil, limit: 10)
        #expect(exported.map(ApplicationsExport.paymentState) == [nil])
        let other = try await database.exportBatch(formID: "domanda", since: nil, after: nil, limit: 10)
        #expect(other.map(ApplicationsExport.paymentState) == [.due])
    }

    @Test("a voucher case without a benefit amount is not accepted, and nothing is written")
    func noBenefit() async throws {
        let number = try await store("buoni", cents: 0)
        let change = try await accept(number)
        guard case .refused(let refusal) = change else { Issue.record("\(change)"); return }
        #expect(refusal.message.hasPrefix("La pratica non ha un importo del beneficio"))
        #expect(try await count("SELECT count(*) FROM vouchers") == 0)
        #expect(try await count("SELECT count(*) FROM applications WHERE state = 'accolta'") == 0)
    }

    @Test("an accepted enrolment makes the shop a merchant of its measures; a second one of the same shop is refused")
    func enrolment() async throws {
        let id = try await enrol("01234560280")
        let merchant = try #require(try await database.merchant(partitaIVA: "01234560280"))
        #expect(merchant.merchant.id == id && merchant.merchant.name == "Alimentari Da Gino")
        #expect(merchant.merchant.iban == "IT60X0542811101000000123456" && merchant.measures == ["buoni-spesa"])
        let again = try await store(
            "adesione",
            [
                Answer(name: "insegna", value: .text("Gino 2")),
                Answer(name: "partita_iva", value: .text("01234560280")),
                Answer(name: "iban", value: .text("IT60X0542811101000000123456")),
            ], cents: nil)
        let change = try await accept(again)
        guard case .refused(let refusal) = change else { Issue.record("\(change)"); return }
        #expect(refusal.message.contains("è già iscritto (pratica 2026-0000001)"))
        #expect(try await count("SELECT count(*) FROM merchants") == 1)
        #expect(try await count("SELECT count(*) FROM audit_log WHERE action = 'enrol_merchant'") == 1)
    }

    @Test("the balance is the amount less the redemptions not voided; more than the balance is refused")
    func balance() async throws {
        let shop = try await enrol("01234560280")
        let code = try await issue(cents: 5_000)
        guard case .redeemed(let first, 2_000, false) = try await redeem(code, 3_000, merchant: shop) else {
            Issue.record("first redemption")
            return
        }
        #expect(try await redeem(code, 2_001, merchant: shop) == .overBalance(balanceCents: 2_000))
        guard case .redeemed(_, 0, false) = try await redeem(code, 2_000, merchant: shop) else {
            Issue.record("the rest")
            return
        }
        #expect(try await redeem(code, 1, merchant: shop) == .overBalance(balanceCents: 0))
        #expect(
            try await database.voidRedemption(id: first, merchantID: shop, staff: "cassa", at: Self.june, window: 1800)
                == .voided)
        let application = try await count("SELECT application_id FROM vouchers")
        let account = try #require(try await database.voucherAccount(applicationID: Int64(application)))
        #expect(account.balanceCents == 3_000 && account.redemptions.count == 2)
        #expect(try await count("SELECT count(*) FROM redemptions") == 2)
        #expect(try await count("SELECT count(*) FROM audit_log WHERE action = 'redeem_voucher'") == 2)
    }

    @Test("the same idempotency key is one redemption, answered the same")
    func idempotency() async throws {
        let shop = try await enrol("01234560280")
        let code = try await issue()
        let first = try await redeem(code, 1_000, merchant: shop, key: "k")
        let second = try await redeem(code, 1_000, merchant: shop, key: "k")
        guard case .redeemed(let id, 24_000, false) = first, case .redeemed(id, 24_000, true) = second else {
            Issue.record("\(first) \(second)")
            return
        }
        #expect(try await count("SELECT count(*) FROM redemptions") == 1)
    }

    @Test(
        "the same key with another amount or voucher is refused with the earlier purchase; another shop's never matches"
    )
    func keyUsed() async throws {
        let shop = try await enrol("01234560280")
        let other = try await enrol("03456780281", name: "Forno Peraga")
        let code = try await issue()
        let second = try await issue()
        // The one-time key "k" of each shop's form, as the till hashes it.
        let key = Redemptions.idempotencyKey(oneTimeKey: "k", merchant: "01234560280")
        let otherKey = Redemptions.idempotencyKey(oneTimeKey: "k", merchant: "03456780281")
        guard case .redeemed(let id, _, false) = try await redeem(code, 1_000, merchant: shop, key: key) else {
            Issue.record("not redeemed")
            return
        }
        for (voucher, cents) in [(code, 1_050), (second, 1_000)] {
            guard case .keyUsed(let earlier) = try await redeem(voucher, cents, merchant: shop, key: key) else {
                Issue.record("\(voucher) \(cents) not refused")
                continue
            }
            #expect(earlier.redemption.id == id && earlier.code == code && earlier.redemption.amountCents == 1_000)
        }
        guard case .redeemed(let elsewhere, _, false) = try await redeem(code, 1_000, merchant: other, key: otherKey)
        else {
            Issue.record("another shop's key matched")
            return
        }
        #expect(elsewhere != id)
        #expect(try await count("SELECT count(*) FROM redemptions") == 2)
    }

    @Test("a shop voids its own redemption inside the window, once; after it, and for another shop, nothing changes")
    func voidWindow() async throws {
        let shop = try await enrol("01234560280")
        let other = try await enrol("03456780281", name: "Forno Peraga")
        let code = try await issue()
        guard case .redeemed(let id, _, _) = try await redeem(code, 1_000, merchant: shop) else {
            Issue.record("redemption")
            return
        }
        let late = Self.june.addingTimeInterval(1801)
        #expect(
            try await database.voidRedemption(id: id, merchantID: shop, staff: "cassa", at: late, window: 1800)
                == .tooLate(deadline: Self.june.addingTimeInterval(1800)))
        #expect(
            try await database.voidRedemption(id: id, merchantID: other, staff: "forno", at: Self.june, window: 1800)
                == .notFound)
        #expect(try await count("SELECT count(*) FROM redemptions WHERE voided_at IS NOT NULL") == 0)
        let inTime = Self.june.addingTimeInterval(1800)
        for _ in 0..<2 {
            #expect(
                try await database.voidRedemption(id: id, merchantID: shop, staff: "banco", at: inTime, window: 1800)
                    == .voided)
        }
        let voided = try await database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT voided_at, voided_by FROM redemptions")!
        }
        #expect(voided["voided_by"] as String == "banco" && Timestamp.date(voided["voided_at"]) == inTime)
        #expect(try await count("SELECT count(*) FROM audit_log WHERE action = 'void_redemption'") == 1)
    }

    @Test("a voucher is spent through its last day in Rome and expired from the next")
    func expiry() async throws {
        let shop = try await enrol("01234560280")
        let code = try await issue()
        let lastEvening = ContentDateTime("2026-12-31 23:59")!.instant
        guard case .redeemed = try await redeem(code, 100, merchant: shop, at: lastEvening) else {
            Issue.record("last day")
            return
        }
        let nextMorning = ContentDateTime("2027-01-01 00:00")!.instant
        #expect(
            try await redeem(code, 100, merchant: shop, at: nextMorning)
                == .expired(validUntil: ContentDate(iso: "2026-12-31")!))
    }

    @Test("a shop not enrolled for the voucher's measure, or an unknown code, redeems nothing")
    func refusals() async throws {
        let shop = try await enrol("01234560280")
        let other = try await issue("altra")
        #expect(try await redeem(other, 100, merchant: shop) == .notEnrolled(measure: "altra-misura"))
        #expect(try await redeem(VoucherCode.random().canonical, 100, merchant: shop) == .unknownCode)
        #expect(try await count("SELECT count(*) FROM redemptions") == 0)
    }
}
