import Foundation
import GRDB
import PiazzaContent

/// The shops enrolled in a portal as rows of `esercenti.csv`, the file the public list and map of the
/// merchants are built from (issue 19, item 2): accepted shops reach the map through it, so editors keep
/// one source. Written as ``PiazzaContent/Merchant/load(source:text:measures:area:sink:)`` reads it: the
/// header of ``PiazzaContent/Merchant/columns``, `,` as the separator, RFC 4180 quoting, CRLF
/// (``PiazzaContent/OpenDataCSV``, the writer of the open-data copy of the same file).
///
/// The cells: `name`, `partita_iva` and `measures` (slugs separated by a space) from the merchant's row;
/// every other column from the enrolment's answer to the field named as the column (`category`,
/// `address`, `lat`, `lon`, `hours`, `phone`: text, number or option), empty when the form has no such
/// field or its case was anonymised. A required column left empty is a ``Gap``: the editor fills it
/// before pasting the row, or the site's build refuses it.
struct MerchantsExport: Sendable, Hashable {
    /// An enrolled shop and the answers of its enrolment case that can fill a column.
    struct Shop: Sendable, Hashable {
        var merchant: EnrolledMerchant
        /// Text, number and option answers by field name.
        var answers: [String: String]
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

    init(shops: [Shop]) {
        var rows: [[String]] = []
        var gaps: [Gap] = []
        var line = 2
        let sorted = shops.sorted {
            ($0.merchant.merchant.name, $0.merchant.merchant.partitaIVA)
                < ($1.merchant.merchant.name, $1.merchant.merchant.partitaIVA)
        }
        for shop in sorted {
            let merchant = shop.merchant.merchant
            let row = Merchant.columns.map { column in
                switch column {
                case "name": merchant.name
                case "partita_iva": merchant.partitaIVA
                case "measures": shop.merchant.measures.joined(separator: " ")
                default: shop.answers[column]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
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
    var csv: String { OpenDataCSV.text([Merchant.columns] + rows) }

    /// The answer's text, if it can fill a cell.
    static func cell(_ value: AnswerValue) -> String? {
        switch value {
        case .text(let text), .number(let text), .option(let text): text
        default: nil
        }
    }
}

extension PortalDatabase {
    /// Every enrolled shop with its measures and the answers of its enrolment case (``MerchantsExport``).
    ///
    /// - Throws: GRDB's error.
    func enrolledShops() async throws -> [MerchantsExport.Shop] {
        try await writer.read { db in
            try MerchantRecord.fetchAll(db).map { merchant in
                let answers =
                    try ApplicationRecord.fetchOne(db, key: merchant.applicationID)?.answers.application
                    .answers ?? []
                return MerchantsExport.Shop(
                    merchant: EnrolledMerchant(
                        merchant: merchant, measures: try Self.measures(ofMerchant: merchant.id ?? 0, in: db).sorted()),
                    answers: Dictionary(
                        answers.compactMap { answer in MerchantsExport.cell(answer.value).map { (answer.name, $0) } },
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
        _ = try served(portal)
        let database = try open(portal)
        defer { try? database.writer.close() }
        return MerchantsExport(shops: try await database.enrolledShops())
    }
}
