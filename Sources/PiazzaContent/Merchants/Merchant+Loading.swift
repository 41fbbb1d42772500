import Foundation
import ItalianIdentifiers

extension Merchant {
    /// The columns of `esercenti.csv`, in the order the docs list them; `hours` and `phone` may be empty.
    public static let columns = [
        "name", "partita_iva", "category", "address", "lat", "lon", "hours", "phone", "measures",
    ]
    /// The columns whose cells may be empty; every other one is required.
    public static let optionalColumns: Set = ["hours", "phone"]
    /// The columns an enrolment's answers may fill (``MerchantEnrolment/columns``): all but `name`,
    /// `partita_iva` and `measures`, which the enrolment itself gives.
    public static let mappedColumns = columns.filter { !["name", "partita_iva", "measures"].contains($0) }

    /// Reads `esercenti.csv` (text already decoded by ``SourceText``) and checks it row by row.
    ///
    /// The dialect: RFC 4180 quoting, a header row naming the columns in any order, and `;` as the
    /// separator when the header line has more `;` than `,` (Italian Excel writes `;`). Latitudes and
    /// longitudes are decimal degrees with `.` or `,` as the decimal mark. `measures` lists measure slugs
    /// separated by spaces or commas. Empty lines are skipped. A cell starting with `'` before a formula
    /// character (`'=…`, `'+39…`) is read without the `'` (``SpreadsheetFormula/unguarded(_:)``).
    ///
    /// Every fault is an error at `file:line:column` of the header cell or cell it is about (read by
    /// ``PlacedCSV``), naming the column: an unknown or repeated column (with the closest known name) at
    /// its header cell, a missing column just after the header's last cell, broken quoting at the cell, a
    /// row with too many cells at the first extra one and with too few just after its last, an empty
    /// required cell, a coordinate that is not a number or lies outside `area` (at `lat`), a partita IVA
    /// that fails ``PartitaIVA``'s check, a measure that is not in `measures`, the same partita IVA at the
    /// same address twice (at `partita_iva`). Rows with errors are left out.
    ///
    /// - Parameters:
    ///   - measures: the slugs of the portal's measure pages.
    ///   - area: the comune's bounding box from portal.yaml; `nil` is an error at line 1 when there are rows.
    static func load(
        source: String, text: String, measures: Set<String>, area: PortalConfig.Area?, sink: DiagnosticSink
    ) -> [Merchant] {
        let headerLine = text.prefix { !$0.isNewline }
        let separator: Character =
            headerLine.filter { $0 == ";" }.count > headerLine.filter { $0 == "," }.count ? ";" : ","
        let records: [PlacedCSV.Record]
        do {
            records = try PlacedCSV.records(of: text, separator: separator)
        } catch {
            sink.error(source, error.line, error.column, error.message)
            return []
        }
        guard let header = records.first else {
            sink.error(source, 1, 1, "esercenti.csv is empty; write the header line: \(columns.joined(separator: ","))")
            return []
        }
        let names = header.cells.map { $0.text.trimmingCharacters(in: .whitespaces).lowercased() }
        var headerOK = true
        // A misspelt column is one error (the guess), not also a missing column.
        var suggested: Set<String> = []
        for (index, name) in names.enumerated() where !columns.contains(name) || names.firstIndex(of: name) != index {
            headerOK = false
            let cell = header.cells[index]
            if columns.contains(name) {
                sink.error(source, cell.line, cell.column, "column '\(name)' is written twice in the header; keep one")
            } else if let guess = YAMLReader.closest(to: name, in: Set(columns)) {
                suggested.insert(guess)
                sink.error(source, cell.line, cell.column, "unknown column '\(name)'; did you mean '\(guess)'?")
            } else {
                sink.error(
                    source, cell.line, cell.column,
                    "unknown column '\(name)'; the columns are: \(columns.joined(separator: ", "))")
            }
        }
        for column in columns where !names.contains(column) && !suggested.contains(column) {
            headerOK = false
            sink.error(
                source, header.line, header.endColumn,
                "the header has no column '\(column)'; add it (columns: \(columns.joined(separator: ", ")))")
        }
        guard headerOK else { return [] }

        var merchants: [Merchant] = []
        var firstLine: [String: Int] = [:]
        // The pages piazza publishes beside the merchants' own take their slugs first.
        var usedSlugs = Set(reservedSlugs)
        var missingAreaReported = false
        for record in records.dropFirst() {
            let line = record.line
            // A blank line, or one of only separators (Excel writes `;;;;` for a cleared row).
            if record.cells.allSatisfy({ $0.text.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard record.cells.count == names.count else {
                let place =
                    record.cells.count > names.count
                    ? (record.cells[names.count].line, record.cells[names.count].column)
                    : (record.cells.last!.line, record.endColumn)
                sink.error(
                    source, place.0, place.1,
                    "this row has \(record.cells.count) cells and the header \(names.count); check the separators (a value with \(separator) needs quotes)"
                )
                continue
            }
            let row = Row(file: source, cells: Dictionary(uniqueKeysWithValues: zip(names, record.cells)), sink: sink)
            // A cell a spreadsheet would run as a formula is written with a leading `'` (by piazza's
            // export, or by an editor in Excel): the value is what follows.
            let values = Dictionary(
                uniqueKeysWithValues: zip(
                    names,
                    record.cells.map { SpreadsheetFormula.unguarded($0.text.trimmingCharacters(in: .whitespaces)) }))
            let before = sink.list.items.count
            for column in columns where !optionalColumns.contains(column) && values[column]!.isEmpty {
                row.error(at: column, "`\(column)` is empty; every merchant needs it")
            }
            let piva = row.partitaIVA(values["partita_iva"]!)
            let latitude = row.degrees(values["lat"]!, column: "lat", range: -90...90)
            let longitude = row.degrees(values["lon"]!, column: "lon", range: -180...180)
            let hours = row.hours(values["hours"]!)
            let accepted = values["measures"]!.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            for slug in accepted where !measures.contains(slug) {
                row.error(
                    at: "measures",
                    "measure '\(slug)' is not a page in misure/; measures are: \(measures.sorted().joined(separator: ", "))"
                )
            }
            if let latitude, let longitude {
                if let area {
                    if !area.contains(latitude: latitude, longitude: longitude) {
                        row.error(
                            at: "lat",
                            "lat \(values["lat"]!), lon \(values["lon"]!) is outside the comune's area in portal.yaml (\(area)); check the coordinates (lat first, then lon)"
                        )
                    }
                } else if !missingAreaReported {
                    missingAreaReported = true
                    row.error(
                        at: "lat",
                        "portal.yaml has no `area`, needed to check the coordinates; add `area: { south: ..., west: ..., north: ..., east: ... }`"
                    )
                }
            }
            guard sink.list.items.count == before, let piva, let latitude, let longitude, let hours else { continue }
            let address = values["address"]!
            let key = piva.value + "|" + address.lowercased().split(separator: " ").joined(separator: " ")
            if let earlier = firstLine[key] {
                row.error(
                    at: "partita_iva",
                    "this merchant (same partita IVA and address) is already at line \(earlier); keep one row")
                continue
            }
            firstLine[key] = line
            let base = slug(values["name"]!)
            var (unique, number) = (base, 1)
            while usedSlugs.contains(unique) {
                number += 1
                unique = "\(base)-\(number)"
            }
            usedSlugs.insert(unique)
            merchants.append(
                Merchant(
                    name: values["name"]!, slug: unique, partitaIVA: piva,
                    category: values["category"]!, address: address, latitude: latitude, longitude: longitude,
                    hours: hours,
                    phone: values["phone"]!.isEmpty ? nil : values["phone"],
                    measures: accepted, location: SourceLocation(file: source, line: line, column: 1)))
        }
        return merchants
    }

    /// One row's checks, each an error at the cell of the column it is about.
    private struct Row {
        let file: String
        /// The row's cells by column name.
        let cells: [String: PlacedCSV.Cell]
        let sink: DiagnosticSink

        func error(at column: String, _ message: String) {
            let cell = cells[column]!
            sink.error(file, cell.line, cell.column, message)
        }

        func partitaIVA(_ text: String) -> PartitaIVA? {
            guard !text.isEmpty else { return nil }
            do {
                return try PartitaIVA(text)
            } catch {
                let reason =
                    switch error.code {
                    case .checksum: "its last digit does not match the check digit"
                    case .officeCode: "digits 8-10 are not a tax office code"
                    default: "it must be 11 digits, optionally after IT"
                    }
                self.error(
                    at: "partita_iva",
                    "partita_iva '\(text)' is not valid: \(reason); copy it from the shop's invoice or receipt")
                return nil
            }
        }

        /// `.some(nil)` for an empty cell, `nil` (with an error) for text that is not ``OpeningHours``' form.
        func hours(_ text: String) -> OpeningHours?? {
            guard !text.isEmpty else { return .some(nil) }
            guard let hours = OpeningHours(text) else {
                self.error(
                    at: "hours",
                    "`hours` '\(text)' is not like '\(OpeningHours.example)' (days lun mar mer gio ven sab dom, times H or H:MM); leave it empty if unknown"
                )
                return nil
            }
            return hours
        }

        /// Decimal degrees, `45.4123` or `45,4123`.
        func degrees(_ text: String, column: String, range: ClosedRange<Double>) -> Double? {
            guard !text.isEmpty else { return nil }
            guard text.range(of: #"^-?[0-9]{1,3}([.,][0-9]+)?$"#, options: .regularExpression) != nil,
                let value = Double(text.replacingOccurrences(of: ",", with: ".")), range.contains(value)
            else {
                self.error(
                    at: column, "`\(column)` '\(text)' is not a coordinate in decimal degrees; write it like 45.4123")
                return nil
            }
            return value
        }
    }
}
