import NIOCore
import PiazzaContent

/// The rendicontazione as tables of typed cells: the one layout of the back-office page and of its
/// CSV (``csv``), which `piazza report --calendar` prints too.
extension Rendicontazione {
    /// One table of the report.
    struct Table: Sendable, Hashable {
        /// `risorse`, `mesi`, `famiglie`: the page's anchor.
        var id: String
        /// `Per risorsa`.
        var title: String
        /// The column headings; the first names the rows.
        var headings: [String]
        /// One row per resource, month or family, the first cell naming it.
        var rows: [[ReportValue]]
    }

    /// The columns of the tables per resource and per month, after the first.
    static let activityHeadings = [
        "Turni svolti", "Ore erogate", "Posti prenotati", "Presenze", "Assenze", "Assenze giustificate", "Da segnare",
        "Tasso di presenza (%)", "Famiglie", "Bambini seguiti", "Costo",
    ]

    /// The columns of the table per family, after the first: its slots are those it came to.
    static let familyHeadings = [
        "Turni frequentati", "Ore di frequenza", "Posti prenotati", "Presenze", "Assenze", "Assenze giustificate",
        "Da segnare", "Tasso di presenza (%)", "Bambini seguiti",
    ]

    /// Per resource with the total, per month with the total, per family.
    var tables: [Table] {
        [
            Table(
                id: "risorse", title: "Per risorsa", headings: ["Risorsa"] + Self.activityHeadings,
                rows: (resources + [total]).map(Self.activityRow)),
            Table(
                id: "mesi", title: "Per mese", headings: ["Mese"] + Self.activityHeadings,
                rows: (months + [total]).map(Self.activityRow)),
            Table(
                id: "famiglie", title: "Per famiglia", headings: ["Famiglia"] + Self.familyHeadings,
                rows: families.map(Self.familyRow)),
        ]
    }

    /// The report as a CSV for Italian Excel (``ExcelCSV``): the calendar and the period, then each
    /// of ``tables`` after an empty row, headed by its title.
    var csv: ByteBuffer {
        var buffer = ByteBuffer(bytes: ExcelCSV.byteOrderMark)
        ExcelCSV.appendRow([.text("Rendicontazione"), .text(calendar.title)], to: &buffer)
        ExcelCSV.appendRow([.text("Dal"), .date(from.iso)], to: &buffer)
        ExcelCSV.appendRow([.text("Al"), .date(until.iso)], to: &buffer)
        for table in tables {
            ExcelCSV.appendRow([], to: &buffer)
            ExcelCSV.appendRow([.text(table.title)], to: &buffer)
            ExcelCSV.appendRow(table.headings.map(ReportValue.text), to: &buffer)
            for row in table.rows { ExcelCSV.appendRow(row, to: &buffer) }
        }
        return buffer
    }

    private static func activityRow(_ figures: Figures) -> [ReportValue] {
        [.text(figures.label), .integer(figures.slotsHeld), .decimal(figures.hours)] + marks(figures)
            + [
                .integer(figures.families), .integer(figures.children),
                figures.costCents.map { .amount(cents: $0) } ?? .empty,
            ]
    }

    private static func familyRow(_ figures: Figures) -> [ReportValue] {
        [.text(figures.label), .integer(figures.slotsHeld), .decimal(figures.hours)] + marks(figures)
            + [.integer(figures.children)]
    }

    /// Seats booked, present, absent, justified, not marked, and the attendance rate in percent with
    /// one decimal (`60.0`), empty before any mark.
    private static func marks(_ figures: Figures) -> [ReportValue] {
        [
            .integer(figures.seatsBooked), .integer(figures.present), .integer(figures.absent),
            .integer(figures.justified), .integer(figures.unmarked),
            figures.attendancePerMille.map { .decimal(percent(perMille: $0)) } ?? .empty,
        ]
    }
}
