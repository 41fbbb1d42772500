import Foundation
import GRDB
import ItalianIdentifiers
import NIOCore
import Testing

@testable import PiazzaContent
@testable import PiazzaIntake

/// The reimbursement of the shops for November 2026 on an in-memory portal database: two shops, a
/// voucher each, redemptions on both edges of the month (Rome days), one voided.
@Suite("Reimbursement of the shops: statements, SEPA file, closed periods")
final class ReimbursementTests {
    let uploads = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-reimb-\(UUID())")
    let database: PortalDatabase
    static let gino = "01234560280"
    static let peraga = "03456780281"
    static let november = ReimbursementPeriod(
        firstDay: ContentDate(iso: "2026-11-01")!, lastDay: ContentDate(iso: "2026-11-30")!)!
    static let debtor = DaemonConfig.Vouchers.Debtor(
        name: "Comune di Prova", iban: try! IBAN("IT56M0100003245348300000000"), bic: "BITAITRRXXX")
    /// The SEPA file of ``sepaFile()``, checked against the XSD by `Tests/e2e/test_sepa_credit_transfer.py`.
    static let golden = IntakeFixture.repository.appendingPathComponent("Tests/Fixtures/sepa/novembre-2026.xml")

    var merchants: [String: Int64] = [:]
    var vouchers: [String: Int64] = [:]

    init() async throws {
        try FileManager.default.createDirectory(at: uploads, withIntermediateDirectories: true)
        database = try PortalDatabase(portalID: "prova", writer: DatabaseQueue(), uploadsFolder: uploads)
        for (partitaIVA, name, iban) in [
            (Self.gino, "Caffè & Cucina «Da Gino»", "IT60X0542811101000000123456"),
            (Self.peraga, "Forno Peraga", "IT91G0306909606100000046083"),
        ] {
            let applicationID = try await store()
            merchants[partitaIVA] = try await database.writer.write { db in
                var merchant = MerchantRecord(
                    partitaIVA: partitaIVA, name: name, iban: iban, applicationID: applicationID,
                    enrolledAt: IntakeFixture.now)
                try merchant.insert(db)
                try db.execute(
                    sql: "INSERT INTO merchant_measures (merchant_id, measure) VALUES (?, 'buoni-spesa')",
                    arguments: [merchant.id])
                return merchant.id!
            }
        }
        for code in ["K7MPQ4XZ9TRCA", "ABCDEFGH1234Z"] {
            let applicationID = try await store()
            vouchers[code] = try await database.writer.write { db in
                var voucher = VoucherRecord(
                    applicationID: applicationID, code: code, measure: "buoni-spesa", amountCents: 50_000,
                    validUntil: "2026-12-31", issuedAt: IntakeFixture.now, issuedBy: "anna")
                try voucher.insert(db)
                return voucher.id!
            }
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: uploads)
    }

    /// An accepted-looking case to hang a voucher or a shop on; its row id.
    func store() async throws -> Int64 {
        let draft = ApplicationDraft(
            formID: "buoni", submittedAt: IntakeFixture.now, channel: .online,
            application: ValidatedApplication(formID: "buoni", answers: [Answer(name: "n", value: .text("x"))]),
            checks: [], household: nil, fiscalCodes: [], benefitCents: 50_000,
            idempotencyKey: { _ in UUID().uuidString }, uploads: [])
        let number = try await database.storeApplication(draft).number
        return try await database.writer.read { db in
            try #require(
                try Int64.fetchOne(db, sql: "SELECT id FROM applications WHERE number = ?", arguments: [number]))
        }
    }

    /// Redeems `cents` of `code` at `shop` at `time` (Rome); the redemption's id.
    @discardableResult
    func redeem(_ code: String, _ cents: Int, at shop: String, _ time: String) async throws -> Int64 {
        let outcome = try await database.redeem(
            code: code, cents: cents, merchantID: merchants[shop]!, staff: "cassa", key: UUID().uuidString,
            at: ContentDateTime(time)!.instant)
        guard case .redeemed(let id, _, _) = outcome else { throw CancellationError() }
        return id
    }

    /// November's redemptions: 12,50 at 00:10 on the 1st (23:10 UTC on 31 October), 30,00 and a voided
    /// 20,00 on the 15th, 7,25 at 23:59 on the 30th at Da Gino; 45,10 at Forno Peraga; and one purchase on
    /// each side of the month that the statements leave out.
    func november() async throws {
        try await redeem("K7MPQ4XZ9TRCA", 999, at: Self.gino, "2026-10-31 23:50")
        try await redeem("K7MPQ4XZ9TRCA", 1250, at: Self.gino, "2026-11-01 00:10")
        try await redeem("ABCDEFGH1234Z", 4510, at: Self.peraga, "2026-11-10 09:00")
        try await redeem("K7MPQ4XZ9TRCA", 3000, at: Self.gino, "2026-11-15 10:00")
        let voided = try await redeem("ABCDEFGH1234Z", 2000, at: Self.gino, "2026-11-15 11:00")
        #expect(
            try await database.voidRedemption(
                id: voided, merchantID: merchants[Self.gino]!, staff: "cassa",
                at: ContentDateTime("2026-11-15 11:05")!.instant, window: 1800) == .voided)
        try await redeem("ABCDEFGH1234Z", 725, at: Self.gino, "2026-11-30 23:59")
        try await redeem("K7MPQ4XZ9TRCA", 111, at: Self.gino, "2026-12-01 00:00")
    }

    @Test(
        "a statement holds the shop's redemptions not voided in the period's Rome days, with masked codes and the total"
    )
    func statements() async throws {
        try await november()
        let statements = try await database.shopStatements(for: Self.november)
        #expect(statements.map(\.merchant.partitaIVA) == [Self.gino, Self.peraga])
        #expect(statements.map(\.totalCents) == [4975, 4510])
        #expect(statements[0].lines.map(\.amountCents) == [1250, 3000, 725])
        #expect(statements[0].lines.map(\.code) == ["****-****-9TRC-A", "****-****-9TRC-A", "****-****-1234-Z"])
        #expect(statements[1].lines.map(\.amountCents) == [4510])
    }

    @Test(
        "the statement's CSV is Excel-IT: BOM, semicolons, CRLF, Rome times, decimal commas, a total row, no note while open"
    )
    func statementCSV() async throws {
        try await november()
        let statement = try #require(try await database.shopStatements(for: Self.november).first)
        #expect(try await database.closedPeriod(overlapping: Self.november) == nil)
        let expected =
            "\u{FEFF}Partita IVA;Esercente;Incasso n.;Data e ora;Buono;Importo;Rimborso\r\n"
            + "\"=\"\"01234560280\"\"\";Caffè & Cucina «Da Gino»;2;01/11/2026 00:10;****-****-9TRC-A;12,50;\r\n"
            + "\"=\"\"01234560280\"\"\";Caffè & Cucina «Da Gino»;4;15/11/2026 10:00;****-****-9TRC-A;30,00;\r\n"
            + "\"=\"\"01234560280\"\"\";Caffè & Cucina «Da Gino»;6;30/11/2026 23:59;****-****-1234-Z;7,25;\r\n"
            + "\"=\"\"01234560280\"\"\";Caffè & Cucina «Da Gino»;;;Totale;49,75;\r\n"
        #expect(String(buffer: statement.csv(closed: nil)) == expected)
    }

    @Test("once its period is closed, every row of the statement's CSV says so, as its page does")
    func closedStatementCSV() async throws {
        try await november()
        let closedAt = ContentDateTime("2026-12-02 09:30")!.instant
        #expect(
            try await database.closeReimbursement(
                Self.november, actor: "capo", at: closedAt, window: 1800, campaignStart: nil)
                == .closed(shops: 2, totalCents: 9485))
        // A statement of days inside the closed period says it too.
        let lastWeek = ReimbursementPeriod(
            firstDay: ContentDate(iso: "2026-11-24")!, lastDay: ContentDate(iso: "2026-11-30")!)!
        let closed = try #require(try await database.closedPeriod(overlapping: lastWeek))
        let statement = try #require(try await database.shopStatements(for: lastWeek).first)
        let note = "Rimborsato: il periodo 01/11/2026 – 30/11/2026 è stato chiuso il 02/12/2026 alle 09:30 da capo."
        #expect(closed.note == note)
        let expected =
            "\u{FEFF}Partita IVA;Esercente;Incasso n.;Data e ora;Buono;Importo;Rimborso\r\n"
            + "\"=\"\"01234560280\"\"\";Caffè & Cucina «Da Gino»;6;30/11/2026 23:59;****-****-1234-Z;7,25;\(note)\r\n"
            + "\"=\"\"01234560280\"\"\";Caffè & Cucina «Da Gino»;;;Totale;7,25;\(note)\r\n"
        #expect(String(buffer: statement.csv(closed: closed)) == expected)
    }

    /// The golden files' message id, of the shape ``SEPACreditTransfer/messageID(period:)`` makes.
    static let messageID = "BS-20261101-20261130-K7Q2M4XNR5T3A"

    func sepaFile() async throws -> String {
        try SEPACreditTransfer(
            debtor: Self.debtor, period: Self.november,
            statements: try await database.shopStatements(for: Self.november),
            createdAt: ContentDateTime("2026-12-02 10:30")!.instant, messageID: Self.messageID
        ).xml()
    }

    @Test("the SEPA file pays each shop its total to its stored IBAN, with control sums equal to the sums")
    func creditTransfer() async throws {
        try await november()
        let xml = try await sepaFile()
        // The golden file is what the e2e suite validates against pain.001.001.03.xsd.
        #expect(xml == (try String(contentsOf: Self.golden, encoding: .utf8)))
        #expect(xml.components(separatedBy: "<CtrlSum>94.85</CtrlSum>").count == 3)
        #expect(xml.components(separatedBy: "<NbOfTxs>2</NbOfTxs>").count == 3)
        #expect(xml.contains("<InstdAmt Ccy=\"EUR\">49.75</InstdAmt>"))
        #expect(xml.contains("<InstdAmt Ccy=\"EUR\">45.10</InstdAmt>"))
        #expect(xml.contains("<Cdtr><Nm>Caffe + Cucina Da Gino</Nm></Cdtr>"))
        #expect(xml.contains("<CdtrAcct><Id><IBAN>IT60X0542811101000000123456</IBAN></Id></CdtrAcct>"))
        #expect(xml.contains("<CdtrAcct><Id><IBAN>IT91G0306909606100000046083</IBAN></Id></CdtrAcct>"))
        #expect(xml.contains("<EndToEndId>BS-20261101-20261130-01234560280</EndToEndId>"))
        #expect(xml.contains("<Ustrd>Rimborso buoni spesa 2026-11-01/2026-11-30 03456780281</Ustrd>"))
    }

    /// The SEPA file of a period whose shops' names are not Latin or too long, checked against the XSD by
    /// `Tests/e2e/test_sepa_credit_transfer.py` like ``golden``.
    static let goldenNames = IntakeFixture.repository.appendingPathComponent("Tests/Fixtures/sepa/nomi-2026.xml")

    @Test("names in other scripts are transliterated and long ones cut and trimmed, as the golden file holds them")
    func transliteratedNames() async throws {
        try await november()
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE merchants SET name = '日本語の店' WHERE partita_iva = ?", arguments: [Self.peraga])
        }
        let xml = try SEPACreditTransfer(
            debtor: Self.debtor, period: Self.november,
            statements: try await database.shopStatements(for: Self.november),
            holders: [Self.gino: "Società Cooperativa «Alimentari & Drogheria Da Gino» a responsabilità limitata"],
            createdAt: ContentDateTime("2026-12-02 10:30")!.instant, messageID: Self.messageID
        ).xml()
        #expect(xml == (try String(contentsOf: Self.goldenNames, encoding: .utf8)))
        #expect(xml.contains("<Cdtr><Nm>ri ben yuno dian</Nm></Cdtr>"))
        #expect(
            xml.contains("<Cdtr><Nm>Societa Cooperativa Alimentari + Drogheria Da Gino a responsabilita li</Nm></Cdtr>")
        )
    }

    @Test(
        "names are mapped to SEPA's Latin character set",
        arguments: [
            ("Caffè & Cucina «Da Gino»", "Caffe + Cucina Da Gino"), ("Straße <Nord>", "Strasse Nord"),
            ("L'Òrto \"Bio\" – Città", "L'Orto Bio - Citta"), ("Ça va; 50%", "Ca va 50"),
        ])
    func latin(name: String, expected: String) {
        #expect(SEPACreditTransfer.text(name, limit: 70) == expected)
    }

    @Test("a shop whose stored IBAN is not valid stops the file, naming the shop")
    func invalidIBAN() async throws {
        try await november()
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE merchants SET iban = 'IT00X0542811101000000123456' WHERE partita_iva = ?",
                arguments: [Self.peraga])
        }
        await #expect(
            throws: SEPACreditTransfer.Unpayable(
                partitaIVA: Self.peraga, name: "Forno Peraga", reason: .iban("IT00X0542811101000000123456"))
        ) { _ = try await self.sepaFile() }
    }

    @Test(
        "every text is cut to its length, trimmed after the cut and never empty",
        arguments: [
            ("日本語の店", 70, "ri ben yuno dian"), ("Москва & Co", 70, "Moskva + Co"),
            (String(repeating: "a", count: 69) + " b", 70, String(repeating: "a", count: 69)),
            ("  Forno   Peraga  ", 70, "Forno Peraga"),
            ("BS-20261101-20261130-01234560280", 35, "BS-20261101-20261130-01234560280"),
        ])
    func cut(text: String, limit: Int, expected: String) {
        #expect(SEPACreditTransfer.text(text, limit: limit) == expected)
    }

    @Test(
        "a text with no Latin letter or digit left is refused, not written empty", arguments: ["🛒🍞", "«»", " - ", ""])
    func unusable(text: String) {
        #expect(SEPACreditTransfer.text(text, limit: 70) == nil)
    }

    @Test(
        "the creditor is the account holder (ragione sociale) when known, else the shop's name; an unusable pair stops the file"
    )
    func creditorName() async throws {
        try await november()
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE merchants SET name = '🥖🥖' WHERE partita_iva = ?", arguments: [Self.peraga])
        }
        let statements = try await database.shopStatements(for: Self.november)
        func file(_ holders: [String: String]) throws(SEPACreditTransfer.Unpayable) -> String {
            try SEPACreditTransfer(
                debtor: Self.debtor, period: Self.november, statements: statements, holders: holders,
                createdAt: ContentDateTime("2026-12-02 10:30")!.instant, messageID: Self.messageID
            ).xml()
        }
        #expect(throws: SEPACreditTransfer.Unpayable(partitaIVA: Self.peraga, name: "🥖🥖", reason: .name)) {
            _ = try file([Self.peraga: "☕"])
        }
        let xml = try file([Self.peraga: "Panificio Peraga S.n.c. di Rossi Mario & C.", Self.gino: "Gino Srl"])
        #expect(xml.contains("<Cdtr><Nm>Panificio Peraga S.n.c. di Rossi Mario + C.</Nm></Cdtr>"))
        #expect(xml.contains("<Cdtr><Nm>Gino Srl</Nm></Cdtr>"))
        #expect(!xml.contains("<Nm></Nm>"))
        // A comune's name the config would refuse, set in code: still never an empty element.
        let unnamed = try SEPACreditTransfer(
            debtor: .init(name: "🏛", iban: Self.debtor.iban, bic: Self.debtor.bic), period: Self.november,
            statements: statements, holders: [Self.peraga: "Peraga Srl"],
            createdAt: ContentDateTime("2026-12-02 10:30")!.instant, messageID: Self.messageID
        ).xml()
        #expect(unnamed.contains("<Dbtr><Nm>NOTPROVIDED</Nm></Dbtr>"))
    }

    @Test("a period closes only once over and past the void window, never over a closed one, and is audited")
    func closing() async throws {
        try await november()
        let end = ContentDateTime("2026-12-01 00:00")!.instant
        #expect(
            try await database.closeReimbursement(
                Self.november, actor: "capo", at: end, window: 1800, campaignStart: nil)
                == .notOver(until: end.addingTimeInterval(1800)))
        let later = end.addingTimeInterval(3600)
        #expect(
            try await database.closeReimbursement(
                Self.november, actor: "capo", at: later, window: 1800, campaignStart: nil)
                == .closed(shops: 2, totalCents: 9485))
        let closed = try #require(try await database.closedPeriods().first)
        #expect(closed.period == Self.november && closed.closedBy == "capo" && closed.closedAt == later)
        let lastDay = ReimbursementPeriod(
            firstDay: ContentDate(iso: "2026-11-30")!, lastDay: ContentDate(iso: "2026-12-05")!)!
        guard
            case .overlaps(let other) = try await database.closeReimbursement(
                lastDay, actor: "capo", at: later.addingTimeInterval(86400 * 10), window: 1800, campaignStart: nil)
        else { Issue.record("an overlapping period closed"); return }
        #expect(other.period == Self.november)
        let audit = try await database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT detail FROM audit_log WHERE action = 'close_reimbursement'")
        }
        #expect(audit == ["2026-11-01/2026-11-30, 2 shops, 9485 cents"])
    }

    @Test("an empty period, one before the campaign and one not over are refused, each for its reason, nothing stored")
    func closingRefusals() async throws {
        try await november()
        let now = ContentDateTime("2027-02-01 10:00")!.instant
        let campaign = ContentDateTime("2026-10-01 09:00")!.instant
        func close(_ first: String, _ last: String) async throws -> PortalDatabase.CloseOutcome {
            try await database.closeReimbursement(
                ReimbursementPeriod(firstDay: ContentDate(iso: first)!, lastDay: ContentDate(iso: last)!)!,
                actor: "capo", at: now, window: 1800, campaignStart: campaign)
        }
        #expect(try await close("1990-01-01", "1990-01-31") == .beforeCampaign(starts: campaign))
        #expect(try await close("2026-09-01", "2026-09-30") == .beforeCampaign(starts: campaign))
        #expect(try await close("2027-01-01", "2027-01-31") == .empty)
        #expect(
            try await close("2027-02-01", "2027-02-28")
                == .notOver(until: ContentDateTime("2027-03-01 00:30")!.instant))
        #expect(try await database.closedPeriods().isEmpty)
        // A period that starts before the campaign but ends in it closes: the first month is usually so.
        #expect(try await close("2026-09-15", "2026-11-30") == .closed(shops: 2, totalCents: 9485 + 999))
    }

    @Test("after closing, a void or a redemption dated in the period is refused by the database; later ones go on")
    func closedIsFinal() async throws {
        try await november()
        let id = try await redeem("K7MPQ4XZ9TRCA", 500, at: Self.gino, "2026-11-30 23:58")
        _ = try await database.closeReimbursement(
            Self.november, actor: "capo", at: ContentDateTime("2026-12-02 09:00")!.instant, window: 1800,
            campaignStart: nil)
        await #expect(throws: DatabaseError.self) {
            _ = try await self.database.voidRedemption(
                id: id, merchantID: self.merchants[Self.gino]!, staff: "cassa",
                at: ContentDateTime("2026-12-01 00:05")!.instant, window: 1800)
        }
        await #expect(throws: DatabaseError.self) {
            try await self.redeem("K7MPQ4XZ9TRCA", 100, at: Self.gino, "2026-11-20 10:00")
        }
        let statements = try await database.shopStatements(for: Self.november)
        #expect(statements.map(\.totalCents) == [5475, 4510])
        try await redeem("K7MPQ4XZ9TRCA", 100, at: Self.gino, "2026-12-02 10:00")
    }
}
