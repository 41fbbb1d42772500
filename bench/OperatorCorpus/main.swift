// Fills one portal's database with realistic applications for bench/operator.sh, through
// PortalDatabase (the daemon's own storage code: numbering, checks, household index, codici
// fiscali for the queue's search), not through HTTP.
//
//   .build/debug/OperatorCorpus --content content --data DIR --portal vigonza --form misura-1 --count 100000
//
// Answers are made from the form's own fields (names, valid codici fiscali, ISEE amounts around
// the threshold, some residents elsewhere, a household of 0-3 members), submitted over the last
// 150 days, 1 in 10 through the assisted channel; the real automatic checks run on each. Then the
// workflow is spread as an office would leave it: about 30 % inviata, 20 % presa in carico,
// 5 % richiesta integrazione, 5 % integrata, 25 % accolta, 10 % respinta, 5 % ritirata, each
// step with its history event. Deterministic: the same arguments give the same database.
//
// With `--vouchers N` (bench/vouchers.sh) it then issues a voucher of 500 € to the first N accepted
// cases of the form, which must be a voucher measure, spendable for a year from today, and enrols
// one shop (`--shop PARTITAIVA`) for the form's measure, through the storage's own methods.
//
// The database is opened with synchronous=OFF while it is filled (a corpus, not citizens' data);
// the daemon reopens it with its own settings.
import Foundation
import GRDB
import ItalianIdentifiers
import PiazzaContent

@testable import PiazzaIntake

var options: [String: String] = [
    "content": "content", "portal": "vigonza", "form": "misura-1", "count": "100000", "data": "",
    "vouchers": "0", "shop": "00743110157",
]
var arguments = CommandLine.arguments.dropFirst()
while let key = arguments.popFirst() {
    guard key.hasPrefix("--"), let value = arguments.popFirst() else {
        FileHandle.standardError.write(
            Data(
                ("usage: OperatorCorpus --data DIR [--content content] [--portal P] [--form F] [--count N] "
                    + "[--vouchers N --shop PARTITAIVA]\n").utf8))
        exit(1)
    }
    options[String(key.dropFirst(2))] = value
}
guard let dataPath = options["data"], !dataPath.isEmpty, let count = Int(options["count"]!),
    let voucherCount = Int(options["vouchers"]!)
else {
    FileHandle.standardError.write(
        Data("OperatorCorpus: --data DIR is required, --count and --vouchers whole numbers\n".utf8))
    exit(1)
}

/// A linear congruential generator: the same corpus for the same arguments.
struct Random {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
    mutating func pick<T>(_ values: [T]) -> T { values[next(values.count)] }
}

let tree = try ContentTree.load(from: URL(fileURLWithPath: options["content"]!), portals: [options["portal"]!])
guard let portal = tree.portal(options["portal"]!), let form = portal.form(id: options["form"]!) else {
    FileHandle.standardError.write(
        Data("OperatorCorpus: no form \(options["form"]!) in portal \(options["portal"]!)\n".utf8))
    exit(1)
}
let folder = URL(fileURLWithPath: dataPath).appendingPathComponent(portal.id)
try FileManager.default.createDirectory(
    at: folder.appendingPathComponent("uploads"), withIntermediateDirectories: true)
var configuration = Configuration()
configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
let pool = try DatabasePool(
    path: folder.appendingPathComponent(PortalDatabase.fileName).path, configuration: configuration)
let database = try PortalDatabase(
    portalID: portal.id, writer: pool, uploadsFolder: folder.appendingPathComponent("uploads"))

let names = ["Maria", "Giuseppe", "Anna", "Luca", "Francesca", "Marco", "Giulia", "Ahmed", "Fatima", "Elena"]
let surnames = ["Rossi", "Bianchi", "Ferrari", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno"]
let ibans = ["IT60X0542811101000000123456", "IT60X0542811101000000123456", "DE89370400440532013000"]
let monthLetters = Array("ABCDEHLMPRST")
let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

/// A valid codice fiscale of someone born between 1940 and 2009.
func fiscalCode(_ random: inout Random) -> String {
    var first15 = String((0..<6).map { _ in random.pick(letters) })
    first15 += String(format: "%02d", (40 + random.next(70)) % 100) + String(random.pick(monthLetters))
    first15 += String(format: "%02d", 1 + random.next(28) + (random.next(2) == 0 ? 0 : 40))
    first15 += random.pick(["L840", "H501", "G224", "C957", "Z330"])
    return first15 + String(CodiceFiscale.checkCharacter(for: first15)!)
}

/// An answer to `field`, or nil to leave it out (files, optional fields now and then).
func answer(_ field: FormField, _ random: inout Random) -> AnswerValue? {
    switch field.type {
    case .text:
        return .text(
            field.name.contains("cognome")
                ? random.pick(surnames)
                : field.name.contains("nome") ? random.pick(names) : "Via Roma \(1 + random.next(200))")
    case .textarea: return random.next(4) == 0 ? .text("Chiedo di essere contattata al mattino.") : nil
    case .email: return .text("utente\(random.next(100_000))@example.it")
    case .tel: return .text("049 \(1_000_000 + random.next(8_999_999))")
    case .date:
        return .date(String(format: "%04d-%02d-%02d", 1940 + random.next(66), 1 + random.next(12), 1 + random.next(28)))
    case .number: return .number("\(1 + random.next(5))")
    case .money: return .cents(10_000 * (1 + random.next(90)))
    case .select, .radio:
        // Mostly the first option (the comune itself, for the residence select), sometimes another.
        guard let first = field.options.first else { return nil }
        return .option(random.next(10) == 0 ? random.pick(field.options).value : first.value)
    case .checkbox: return field.options.isEmpty ? .bool(true) : .options([field.options[0].value])
    case .consent: return .bool(true)
    case .file: return nil
    case .group:
        let rows = (0..<random.next(4)).map { _ in
            field.fields.compactMap { child in answer(child, &random).map { Answer(name: child.name, value: $0) } }
        }
        return .rows(rows)
    case .codiceFiscale: return .text(fiscalCode(&random))
    case .partitaIVA: return .text("00743110157")
    case .iban: return .text(random.pick(ibans))
    case .cap: return .text("35010")
    case .isee:
        return .isee(
            cents: 100 * (2_000 + random.next(18_000)),
            dsu: "INPS-ISEE-2026-\(10_000_000 + random.next(89_999_999))A-00")
    }
}

let start = Date()
let now = Date()
let checks = ApplicationChecks(form: form, portal: portal.config)
var random = Random()
// Group commit batches concurrent submissions into one transaction: 500 in flight at a time.
let batch = 500
var made = 0
while made < count {
    let size = min(batch, count - made)
    var drafts: [ApplicationDraft] = []
    for index in made..<(made + size) {
        let application = ValidatedApplication(
            formID: form.id,
            answers: form.fields.compactMap { field in
                answer(field, &random).map { Answer(name: field.name, value: $0) }
            })
        // Spread over the last 150 days, in order: the numbering follows the dates.
        let submittedAt = now.addingTimeInterval(-150 * 86_400 * Double(count - index) / Double(count))
        drafts.append(
            ApplicationDraft(
                formID: form.id, submittedAt: submittedAt, channel: random.next(10) == 0 ? .assisted : .online,
                application: application, checks: checks.evaluate(application, submittedAt: submittedAt),
                household: checks.householdCheck(application), fiscalCodes: form.applicantFiscalCodes(application),
                benefitCents: checks.benefitCents(application), idempotencyKey: { _ in "corpus-\(index)" }, uploads: [])
        )
    }
    try await withThrowingTaskGroup(of: Void.self) { group in
        for draft in drafts { group.addTask { _ = try await database.storeApplication(draft) } }
        try await group.waitForAll()
    }
    made += size
    if made % 10_000 == 0 { print("corpus: \(made) applications (\(Int(Date().timeIntervalSince(start))) s)") }
}

// The workflow, as an office leaves it: states by share, each step with its event a few days on.
let plan: [(share: Int, steps: [ApplicationState])] = [
    (30, []), (20, [.takenInCharge]), (5, [.takenInCharge, .integrationRequested]),
    (5, [.takenInCharge, .integrationRequested, .integrated]), (25, [.takenInCharge, .accepted]),
    (10, [.takenInCharge, .rejected]), (5, [.withdrawn]),
]
try await database.writer.write { db in
    let rows = try Row.fetchAll(
        db, sql: "SELECT id, submitted_at FROM applications WHERE form_id = ?", arguments: [form.id])
    for row in rows {
        var roll = random.next(100)
        let steps = plan.first {
            roll -= $0.share; return roll < 0
        }!.steps
        guard !steps.isEmpty, var at = Timestamp.date(row["submitted_at"]) else { continue }
        for state in steps {
            at = min(at.addingTimeInterval(Double(1 + random.next(10)) * 86_400), now)
            let note: String? = Workflow.needsReason(state) ? "Motivo di prova." : nil
            try db.execute(
                sql:
                    "INSERT INTO application_events (application_id, at, state, note, actor) VALUES (?, ?, ?, ?, 'bench')",
                arguments: [row["id"] as Int64, Timestamp.string(at), state.rawValue, note])
        }
        try db.execute(
            sql: "UPDATE applications SET state = ? WHERE id = ?",
            arguments: [steps.last!.rawValue, row["id"] as Int64])
    }
}

if voucherCount > 0 {
    guard form.voucher != nil, let measure = form.measure else {
        FileHandle.standardError.write(Data("OperatorCorpus: --vouchers needs a voucher measure's form\n".utf8))
        exit(1)
    }
    let validUntil = ContentDateTime.romeDay(of: now).adding(days: 365)
    let issued = try await database.writer.write { db in
        let accepted = try Row.fetchAll(
            db, sql: "SELECT id, number FROM applications WHERE form_id = ? AND state = 'accolta' ORDER BY id LIMIT ?",
            arguments: [form.id, voucherCount])
        for row in accepted {
            try PortalDatabase.issueVoucher(
                applicationID: row["id"], number: row["number"], cents: 50_000, measure: measure,
                validUntil: validUntil, actor: "bench", at: now, in: db)
        }
        // The shop's enrolling case is any case of the corpus: only its id is kept.
        try PortalDatabase.enrolMerchant(
            MerchantRecord(
                partitaIVA: options["shop"]!, name: "Alimentari di prova", iban: ibans[0],
                applicationID: accepted.first?["id"] ?? 1, enrolledAt: now),
            measures: [measure], number: "bench", actor: "bench", in: db)
        return accepted.count
    }
    print("corpus: \(issued) vouchers of 500 € for \(measure), shop \(options["shop"]!) enrolled")
}
try await database.close()
print("corpus: \(count) applications of \(portal.id)/\(form.id) in \(Int(Date().timeIntervalSince(start))) s")
