import Foundation
import GRDB
import PiazzaContent

/// The shops enrolled in a portal as rows of `esercenti.csv`, the file the public list and map of the
/// merchants are built from (issue 19, item 2): accepted shops reach the map through it, so editors keep
/// one source. Written as ``PiazzaContent/Merchant/load(source:text:measures:area:sink:)`` reads it: the
/// header of ``PiazzaContent/Merchant/columns``, `,` as the separator, RFC 4180 quoting, CRLF
/// (``PiazzaContent/Merchant/csv(_:)``, the writer of the open-data copy of the same file), every text
/// cell through ``PiazzaContent/SpreadsheetFormula`` (editors open the file in Excel; the loader takes the
/// guard away).
///
/// The cells: `name`, `partita_iva` and `measures` (slugs separated by a space) from the merchant's row;
/// every other column from the answers its enrolment form maps to it
/// (``PiazzaContent/MerchantEnrolment/columns``, an option's label for a select or radio), empty when the
/// form maps nothing to it or its case was anonymised. A required column left empty is a ``Gap``: the
/// editor fills it before pasting the row, or the site's build refuses it.
struct MerchantsExport: Sendable, Hashable {
    /// An enrolled shop and the answers of its enrolment case.
    struct Shop: Sendable, Hashable {
        var merchant: EnrolledMerchant
        /// The enrolment form the shop's case came from.
        var formID: String
        var answers: [String: AnswerValue]

        /// The answers of `fields` as one line: text, number and option (its label in `form`) answers,
        /// trimmed, the non-empty ones joined by `, `; empty when none is.
        func text(of fields: [String], in form: FormDefinition?) -> String {
            fields.compactMap { name -> String? in
                let text: String? =
                    switch answers[name] {
                    case .text(let text), .number(let text): text
                    case .option(let value):
                        form?.field(named: name)?.options.first { $0.value == value }?.label ?? value
                    default: nil
                    }
                return text?.trimmingCharacters(in: .whitespacesAndNewlines)
            }.filter { !$0.isEmpty }.joined(separator: ", ")
        }

        /// The holder of the shop's account, the answer to its form's
        /// ``PiazzaContent/MerchantEnrolment/accountHolderField``; `nil` when the form does not ask it or
        /// the case was anonymised.
        func accountHolder(forms: [FormDefinition]) -> String? {
            let form = forms.first { $0.id == formID }
            guard let field = form?.merchantEnrolment?.accountHolderField else { return nil }
            let holder = text(of: [field], in: form)
            return holder.isEmpty ? nil : holder
        }
    }

    /// A row with required columns the enrolment did not give.
    struct Gap: Sendable, Hashable, CustomStringConvertible {
        /// The row's line in the output (the header is line 1).
        var line: Int
        var name: String
        var partitaIVA: String
        /// Empty required columns, in the file's order.
        var columns: [String]

        /// `esercenti.csv:2: Alimentari Da Gino (01234560280): fill category, address, lat, lon`.
        var description: String {
            "esercenti.csv:\(line): \(name) (\(partitaIVA)): fill \(columns.joined(separator: ", ")) "
                + "before adding the row to the portal's esercenti.csv (docs/CONTENT.md)"
        }
    }

    /// One row per shop, by name then partita IVA, cells in ``PiazzaContent/Merchant/columns`` order.
    let rows: [[String]]
    let gaps: [Gap]

    /// - Parameter forms: the portal's forms, whose enrolments map answers to columns.
    init(shops: [Shop], forms: [FormDefinition]) {
        var rows: [[String]] = []
        var gaps: [Gap] = []
        var line = 2
        let sorted = shops.sorted {
            ($0.merchant.merchant.name, $0.merchant.merchant.partitaIVA)
                < ($1.merchant.merchant.name, $1.merchant.merchant.partitaIVA)
        }
        for shop in sorted {
            let merchant = shop.merchant.merchant
            let form = forms.first { $0.id == shop.formID }
            let row = Merchant.columns.map { column in
                switch column {
                case "name": merchant.name
                case "partita_iva": merchant.partitaIVA
                case "measures": shop.merchant.measures.joined(separator: " ")
                default: shop.text(of: form?.merchantEnrolment?.columns[column] ?? [], in: form)
                }
            }
            let empty = zip(Merchant.columns, row).filter { !Merchant.optionalColumns.contains($0) && $1.isEmpty }
            if !empty.isEmpty {
                gaps.append(
                    Gap(line: line, name: merchant.name, partitaIVA: merchant.partitaIVA, columns: empty.map(\.0)))
            }
            rows.append(row)
            // A quoted cell with line breaks moves the next row down, as the loader counts.
            line += 1 + row.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
        }
        self.rows = rows
        self.gaps = gaps
    }

    /// The file's text: the header and the rows.
    var csv: String { Merchant.csv([Merchant.columns] + rows) }
}

extension PortalDatabase {
    /// Every enrolled shop with its measures, its enrolment form and the answers of its enrolment case
    /// (``MerchantsExport``, the account holders of ``SEPACreditTransfer``).
    ///
    /// - Throws: GRDB's error.
    func enrolledShops() async throws -> [MerchantsExport.Shop] {
        try await writer.read { db in
            try MerchantRecord.fetchAll(db).map { merchant in
                let application = try ApplicationRecord.fetchOne(db, key: merchant.applicationID)
                return MerchantsExport.Shop(
                    merchant: EnrolledMerchant(
                        merchant: merchant, measures: try Self.measures(ofMerchant: merchant.id ?? 0, in: db).sorted()),
                    formID: application?.formID ?? "",
                    answers: Dictionary(
                        (application?.answers.application.answers ?? []).map { ($0.name, $0.value) },
                        uniquingKeysWith: { first, _ in first }))
            }
        }
    }
}

extension ReportCommand {
    /// Writes the `esercenti.csv` rows of the shops enrolled in `portal` (``MerchantsExport``) to `output`.
    ///
    /// - Returns: the rows whose required columns the editor must fill, each a line for standard error.
    /// - Throws: ``ReportError`` for an unknown portal or a database that does not open; GRDB's and the
    ///   file handle's errors.
    public func writeMerchants(portal: String, to output: FileHandle) async throws -> [String] {
        let export = try await merchants(portal: portal)
        try output.write(contentsOf: Data(export.csv.utf8))
        return export.gaps.map(\.description)
    }

    /// The export of `portal`'s enrolled shops.
    func merchants(portal: String) async throws -> MerchantsExport {
        let forms = try served(portal).forms
        let database = try await open(portal, exporting: "esercenti")
        defer { try? database.writer.close() }
        return MerchantsExport(shops: try await database.enrolledShops(), forms: forms)
    }
}
