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

    /// The panel of the purchases `flagged` by ``RedemptionFlags`` (their rules stated in the heading
    /// of each reason, with the far threshold `farKilometres` and the visit's share `visitShare`, in percent),
    /// newest first.
    static func redemptionFlags(
        _ flagged: [FlaggedRedemption], farKilometres: Int, visitShare: Int
    ) -> OperatorDashboardView.Section {
        let reasons = RedemptionFlags.Reason.allCases
        let label = { reasonLabel($0, farKilometres: farKilometres, visitShare: visitShare) }
        let counts = reasons.map { reason in flagged.filter { $0.reasons.contains(reason) }.count }
        let bars = zip(reasons, counts).map {
            OperatorDashboardView.Bar(label: label($0), value: $1, valueText: "\($1)")
        }
        return .init(
            id: "incassi-da-verificare", heading: "Incassi di buoni da verificare",
            chartTitle: "Incassi di buoni da verificare, per motivo",
            chartDescription: OperatorDashboardView.Section.describing(bars, none: "Nessun incasso da verificare."),
            bars: bars,
            table: .init(
                caption: "Incassi di buoni da verificare, dal più recente",
                headers: ["Data e ora", "Esercente", "Pratica", "Importo", "Motivo"],
                rows: flagged.map { purchase in
                    [
                        Pages.dateTime(purchase.at), purchase.shop, purchase.caseNumber,
                        Money(cents: purchase.cents).italian,
                        reasons.filter(purchase.reasons.contains).map(label).joined(separator: "; "),
                    ]
                }))
    }

    /// A reason of ``RedemptionFlags`` as operators read it: the rule itself.
    static func reasonLabel(_ reason: RedemptionFlags.Reason, farKilometres: Int, visitShare: Int) -> String {
        let emptied = RedemptionFlags.emptiedText(visitShare: visitShare)
        return switch reason {
        case .burst:
            "\(RedemptionFlags.burstVouchers) o più buoni in \(Int(RedemptionFlags.burstWindow / 60)) minuti "
                + "nello stesso negozio"
        case .emptied: emptied
        case .emptiedFar: "\(emptied), a più di \(farKilometres) km dal comune del nucleo"
        }
    }
}
