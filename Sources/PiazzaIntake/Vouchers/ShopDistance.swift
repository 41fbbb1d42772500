import PiazzaContent

/// How far a purchase's shop is from the household's comune, for the flag of a voucher emptied far from
/// home (``RedemptionFlags/Reason/emptiedFar``): from the municipio's `lat`/`lon` in portal.yaml
/// (``PiazzaContent/PortalConfig/Comune/location``) to the shop's row in `esercenti.csv`, found by partita IVA
/// (its first row, as ``CategorySpending`` finds the category).
///
/// The household's comune is the one its case names: the first answer whose option value is the ISTAT code
/// of one of the portal's comuni (a residence field, `options: comuni`); when no answer names one, the
/// portal's comune if it has only one.
struct ShopDistance: Sendable {
    /// The shops' places, by partita IVA.
    private let shops: [String: PortalConfig.Point]
    /// The municipi with a place, by ISTAT code.
    private let comuni: [String: PortalConfig.Point]
    /// The place of the portal's only comune; `nil` for a portal of several.
    private let onlyComune: PortalConfig.Point?

    init(portal: Portal) {
        var shops: [String: PortalConfig.Point] = [:]
        for merchant in portal.merchants where shops[merchant.partitaIVA.value] == nil {
            shops[merchant.partitaIVA.value] = PortalConfig.Point(
                latitude: merchant.latitude, longitude: merchant.longitude)
        }
        self.shops = shops
        comuni = Dictionary(
            portal.config.comuni.compactMap { comune in comune.location.map { (comune.istat, $0) } },
            uniquingKeysWith: { first, _ in first })
        onlyComune = portal.config.comuni.count == 1 ? portal.config.comuni[0].location : nil
    }

    /// Kilometres from the comune of the household whose case gave `answers` to the shop `partitaIVA`;
    /// `nil` when either place is unknown (no `lat`/`lon` for the comune, no row for the shop).
    func kilometres(answers: [Answer], partitaIVA: String) -> Double? {
        let named = answers.lazy.compactMap { answer -> PortalConfig.Point? in
            if case .option(let value) = answer.value { comuni[value] } else { nil }
        }.first
        guard let home = named ?? onlyComune, let shop = shops[partitaIVA] else { return nil }
        return home.kilometres(to: shop)
    }
}
