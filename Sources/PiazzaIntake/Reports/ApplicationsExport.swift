import Foundation
import ItalianIdentifiers
import NIOCore
import PiazzaContent

/// One form's applications as CSV, JSON or XLSX: the same bytes from the back office
/// (`GET /operator/{portal}/esportazioni/{form}`) and from `piazza report`, written a batch at a time
/// as they are read (memory does not grow with the number of applications).
///
/// Columns (CSV and XLSX): numero pratica, date of submission, channel, state, automatic checks to verify,
/// benefit, payment state (for a case due that an earlier payments list held, with when and by whom that
/// list was downloaded: ``PaymentState/text(earlierList:)``), date and reference, then one column per top-level field of the form in
/// form order, headed by its label (an ISEE field gives two: the amount and the DSU protocol). A repeatable
/// group gives its number of rows, then one column per member field per row position, `Studente 1 – Nome e
/// cognome`, `Studente 1 – Classe`, `Studente 2 – …` (as KoboToolbox and ODK flatten repeats), each cell by
/// the top-level rule: a row with fewer members leaves the later cells empty. Answers stored for fields taken
/// out of the form since follow, one column each (``formerValue(_:)``).
/// JSON: an array of objects with the same facts by stable keys, amounts in cents, instants in ISO 8601
/// UTC and the answers as stored (``PiazzaContent/ValidatedApplication``); the payment carries the
/// *Pagamento* column's text and, for a case due, the earlier payments list as data (`gia_in_elenco`).
struct ApplicationsExport: Sendable {
    let database: PortalDatabase
    let form: FormDefinition
    let format: ReportFormat
    /// Only applications submitted on or after this day (in Rome).
    let since: ItalianDate?
    /// Only applications submitted on or before this day (in Rome); `nil` for up to now.
    var until: ItalianDate? = nil

    /// Writes the whole export to `sink`: CSV and JSON one chunk per batch, XLSX once complete
    /// (``XLSXTable``).
    ///
    /// - Throws: the database's error, `sink`'s, or the XLSX working files' (``ReportTables/make(_:header:sheet:scratch:)``).
    func write(to sink: (ByteBuffer) async throws -> Void) async throws {
        let start = since?.date(timeZone: ContentDateTime.rome)
        let end = until?.adding(days: 1).date(timeZone: ContentDateTime.rome)
        func batches(_ body: ([ExportedApplication]) async throws -> Void) async throws {
            try await Batches.forEach(
                read: {
                    try await database.exportBatch(formID: form.id, since: start, before: end, after: $0, limit: $1)
                },
                id: \.application.id, body)
        }
        guard format == .json else {
            // The header goes out before the first batch is read, so the rows each group needs are asked first.
            let stored =
                form.fields.contains { $0.type == .group }
                ? try await database.largestGroups(formID: form.id, since: start, before: end) : [:]
            let former = try await database.formerAnswerNames(
                formID: form.id, keeping: form.fields.map(\.name), since: start, before: end)
            let columns = Self.columns(of: form, storedRows: stored, former: former)
            let table = try ReportTables.make(
                format, header: columns.map(\.header), sheet: "Domande", scratch: database.scratchFolder)
            try await batches { batch in
                for row in batch { table.append(columns.map { $0.value(row) }) }
                try await table.endBatch(to: sink)
            }
            return try await table.finish(to: sink)
        }
        var buffer = ByteBuffer()
        buffer.writeString("[")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var count = 0
        try await batches { batch in
            for row in batch {
                buffer.writeString(count == 0 ? "\n" : ",\n")
                buffer.writeBytes(try encoder.encode(JSONRow(row)))
                count += 1
            }
            try await sink(buffer)
            buffer.clear()
        }
        buffer.writeString(count == 0 ? "]\n" : "\n]\n")
        try await sink(buffer)
    }

    /// A CSV column: its header and its cell for an application.
    struct Column {
        var header: String
        var value: (ExportedApplication) -> ReportValue
    }

    /// The case's facts, then the form's fields.
    ///
    /// - Parameter storedRows: the most rows stored for a group, by its name, among the applications
    ///   exported (``PortalDatabase/largestGroups(formID:since:before:)``); a group gets columns for that many
    ///   rows or its declared `max`, whichever is more, so a form whose `max` was lowered after some
    ///   applications still exports every row they hold.
    /// - Parameter former: the names of answers stored for fields no longer in the form
    ///   (``PortalDatabase/formerAnswerNames(formID:keeping:since:before:)``), one column each after the form's,
    ///   headed `<name> (campo tolto dal modulo)`, each cell by ``formerValue(_:)``.
    static func columns(of form: FormDefinition, storedRows: [String: Int] = [:], former: [String] = []) -> [Column] {
        let facts: [Column] = [
            Column(header: "Numero pratica") { .text($0.application.number) },
            Column(header: "Data di invio") { .instant($0.application.submittedAt) },
            Column(header: "Canale") { .text(OperatorController.channelLabel($0.application.channel)) },
            Column(header: "Stato") { .text(Pages.stateLabel($0.application.state)) },
            Column(header: "Controlli da verificare") { row in
                .text(row.application.checks.filter { $0.status == .warning }.map(\.message).joined(separator: " | "))
            },
            Column(header: "Importo") { row in row.application.benefitCents.map { .amount(cents: $0) } ?? .empty },
            Column(header: "Pagamento") { row in
                .text(paymentState(row)?.text(earlierList: row.earlierList) ?? "")
            },
            Column(header: "Data pagamento") { row in row.payment.map { .date($0.paidOn) } ?? .empty },
            Column(header: "Riferimento pagamento") { row in row.payment.map { .text($0.reference) } ?? .empty },
        ]
        return facts
            + form.fields.flatMap { field in
                fieldColumns(
                    field, header: field.label, rowsOfGroup: max(field.rows?.maxRows ?? 0, storedRows[field.name] ?? 0)
                ) {
                    $0.application.answers.application[field.name]
                }
            }
            + former.map { name in
                Column(header: "\(name) (campo tolto dal modulo)") { row in
                    row.application.answers.application[name].map(formerValue) ?? .empty
                }
            }
    }

    /// An answer to a field no longer in the form, without its label or options: as ``value(_:field:)`` gives it,
    /// but an ISEE answer whole (amount and DSU protocol) and a group's rows written out, `1: nome Luca, classe
    /// primaria-3; 2: …`, so that nothing stored is left out of the export.
    static func formerValue(_ answer: AnswerValue) -> ReportValue {
        switch answer {
        case .isee: .text(answer.italianText(field: nil))
        case .rows(let rows):
            .text(
                rows.enumerated().map { index, row in
                    "\(index + 1): "
                        + row.map { "\($0.name) \($0.value.italianText(field: nil))" }.joined(separator: ", ")
                }
                .joined(separator: "; "))
        default: value(answer, field: nil)
        }
    }

    /// The columns of a field headed `header`, its answer read by `answer`: one, two for an ISEE field (the
    /// amount and the DSU protocol), and for a group its number of rows then, for each of `rowsOfGroup` rows,
    /// the columns of each member field by this same rule, headed `<group> <row> – <member>`.
    private static func fieldColumns(
        _ field: FormField, header: String, rowsOfGroup: Int = 0,
        answer: @escaping (ExportedApplication) -> AnswerValue?
    ) -> [Column] {
        switch field.type {
        case .isee:
            return [
                Column(header: header) { row in
                    if case .isee(let cents, _) = answer(row) { .amount(cents: cents) } else { .empty }
                },
                Column(header: header + " – protocollo DSU") { row in
                    if case .isee(_, let dsu) = answer(row) { .text(dsu) } else { .empty }
                },
            ]
        case .group:
            let count = Column(header: header) { row in answer(row).map { value($0, field: field) } ?? .empty }
            return [count]
                + (0..<rowsOfGroup).flatMap { index in
                    field.fields.flatMap { member in
                        fieldColumns(member, header: "\(header) \(index + 1) – \(member.label)") { row in
                            guard case .rows(let rows) = answer(row), index < rows.count else { return nil }
                            return rows[index].first { $0.name == member.name }?.value
                        }
                    }
                }
        default:
            return [Column(header: header) { row in answer(row).map { value($0, field: field) } ?? .empty }]
        }
    }

    /// An answer as a typed cell: dates, numbers and amounts as such, choices by their labels, a group by
    /// its number of rows (its members have columns of their own, ``fieldColumns(_:header:rowsOfGroup:answer:)``).
    static func value(_ answer: AnswerValue, field: FormField?) -> ReportValue {
        switch answer {
        case .text(let text):
            field.map { Self.identifierTypes.contains($0.type) } == true ? .identifier(text) : .text(text)
        case .date(let iso): .date(iso)
        case .number(let number): .decimal(number)
        case .cents(let cents): .amount(cents: cents)
        case .isee(let cents, _): .amount(cents: cents)
        case .rows(let rows): .integer(rows.count)
        case .option, .options, .bool, .file: .text(answer.italianText(field: field))
        }
    }

    /// The field types whose answers name something by their digits (``ReportValue/identifier(_:)``).
    static let identifierTypes: Set<FieldType> = [.tel, .cap, .partitaIVA, .iban, .codiceFiscale]

    static func paymentState(_ row: ExportedApplication) -> PaymentState? {
        PaymentState.of(
            state: row.application.state, benefitCents: row.application.benefitCents, paid: row.payment != nil,
            inVouchers: row.inVouchers)
    }

    /// One application in the JSON export.
    struct JSONRow: Encodable {
        struct Payment: Encodable {
            var stato: PaymentState
            /// The state as the CSV's *Pagamento* column and the pages say it
            /// (``PaymentState/text(earlierList:)``).
            var testo: String
            /// For a case due: the first payments list that held it, which the ragioneria may have paid.
            var giaInElenco: EarlierList?
            var importoCents: Int?
            var data: String?
            var riferimento: String?

            enum CodingKeys: String, CodingKey {
                case stato, testo
                case giaInElenco = "gia_in_elenco"
                case importoCents = "importo_cents"
                case data, riferimento
            }
        }

        /// A payments list that left the daemon: when (ISO 8601 UTC) and by whom.
        struct EarlierList: Encodable {
            var scaricatoIl: String
            var da: String

            enum CodingKeys: String, CodingKey {
                case scaricatoIl = "scaricato_il"
                case da
            }
        }

        var numero: String
        var inviataIl: String
        var canale: SubmissionChannel
        var stato: ApplicationState
        var controlli: [CheckResult]
        var importoCents: Int?
        var pagamento: Payment?
        var risposte: [Answer]

        enum CodingKeys: String, CodingKey {
            case numero
            case inviataIl = "inviata_il"
            case canale, stato, controlli
            case importoCents = "importo_cents"
            case pagamento, risposte
        }

        init(_ row: ExportedApplication) {
            let application = row.application
            numero = application.number
            inviataIl = Timestamp.string(application.submittedAt)
            canale = application.channel
            stato = application.state
            controlli = application.checks
            importoCents = application.benefitCents
            pagamento = ApplicationsExport.paymentState(row).map { state in
                let list = state == .due ? row.earlierList : nil
                return Payment(
                    stato: state, testo: state.text(earlierList: row.earlierList),
                    giaInElenco: list.map { EarlierList(scaricatoIl: Timestamp.string($0.madeAt), da: $0.madeBy) },
                    importoCents: row.payment?.amountCents, data: row.payment?.paidOn,
                    riferimento: row.payment?.reference)
            }
            risposte = application.answers.application.answers
        }
    }
}
