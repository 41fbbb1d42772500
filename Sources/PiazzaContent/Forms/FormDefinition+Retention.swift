import Foundation

extension FormDefinition {
    /// The instant from which this form's cases are anonymised: `retention_years` calendar years (in
    /// Rome) after the bando closes. The period is the Comune's *piano di conservazione* (art. 68
    /// DPR 445/2000, research/domain.md §3.8); a 29 February closing ends on 28 February.
    public var retentionEnds: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ContentDateTime.rome
        return calendar.date(byAdding: .year, value: retentionYears, to: closes.instant)!
    }
}
