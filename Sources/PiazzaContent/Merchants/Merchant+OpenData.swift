import Foundation

extension Merchant {
    /// The merchants as ``OpenDataCSV``: a header row of ``columns`` (the same names `esercenti.csv` is
    /// written with, so the file can be read back), `lat`/`lon` with a dot, measures separated by a space.
    public static func openDataCSV(_ merchants: [Merchant]) -> String {
        csv(
            [columns]
                + merchants.map { merchant in
                    [
                        merchant.name, merchant.partitaIVA.value, merchant.category, merchant.address,
                        String(merchant.latitude), String(merchant.longitude), merchant.hours?.text ?? "",
                        merchant.phone ?? "", merchant.measures.joined(separator: " "),
                    ]
                })
    }

    /// `esercenti.csv` as piazza writes it (the open-data copy, `piazza merchants export`): ``OpenDataCSV``
    /// with `lat` and `lon` as numbers, every other cell guarded, which ``load(source:text:measures:area:sink:)``
    /// reads back as written.
    public static func csv(_ rows: [[String]]) -> String {
        OpenDataCSV.text(rows, numberColumns: ["lat", "lon"])
    }
}
