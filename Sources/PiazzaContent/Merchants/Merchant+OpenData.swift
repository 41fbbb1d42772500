import Foundation

extension Merchant {
    /// The merchants as ``OpenDataCSV``: a header row of ``columns`` (the same names `esercenti.csv` is
    /// written with, so the file can be read back), `lat`/`lon` with a dot, measures separated by a space.
    public static func openDataCSV(_ merchants: [Merchant]) -> String {
        OpenDataCSV.text(
            [columns]
                + merchants.map { merchant in
                    [
                        merchant.name, merchant.partitaIVA.value, merchant.category, merchant.address,
                        String(merchant.latitude), String(merchant.longitude), merchant.hours?.text ?? "",
                        merchant.phone ?? "", merchant.measures.joined(separator: " "),
                    ]
                })
    }
}
