import Foundation
import ItalianIdentifiers
import PiazzaContent
import PiazzaRender

/// The dashboard's voucher panel (issue 19, controls and reports): per voucher measure, the amounts
/// issued, spent, still to spend and expired unspent, on the day of the page in Rome.
extension DashboardPage {
    /// The panel of `measures` (``PortalDatabase/voucherFigures(on:)``) on `today`; `title` names a
    /// measure by its slug.
    static func vouchers(_ measures: [VoucherMeasureFigures], today: ContentDate, title: (String) -> String)
        -> OperatorDashboardView.Section
    {
        func money(_ cents: Int) -> String { Money(cents: cents).italian }
        return .init(
            id: "buoni-spesa", heading: "Buoni spesa per misura",
            chartTitle: "Importi dei buoni spesa spesi, da spendere e scaduti al \(today.italian), per misura",
            chartDescription: measures.isEmpty
                ? "Nessun buono emesso."
                : measures.map {
                    "\(title($0.measure)): emessi \(money($0.issuedCents)), spesi \(money($0.spentCents)), "
                        + "da spendere \(money($0.unspentCents)), scaduti \(money($0.expiredCents))"
                }.joined(separator: "; ") + ".",
            bars: measures.flatMap { measure in
                [
                    ("spesi", measure.spentCents), ("da spendere", measure.unspentCents),
                    ("scaduti", measure.expiredCents),
                ]
                .map { .init(label: "\(title(measure.measure)) – \($0)", value: $1, valueText: money($1)) }
            },
            table: .init(
                caption: "Buoni spesa per misura al \(today.italian)",
                headers: ["Misura", "Buoni emessi", "Importo emesso", "Speso", "Da spendere", "Scaduto non speso"],
                rows: measures.map {
                    [
                        title($0.measure), String($0.vouchers), money($0.issuedCents), money($0.spentCents),
                        money($0.unspentCents), money($0.expiredCents),
                    ]
                }))
    }
}
