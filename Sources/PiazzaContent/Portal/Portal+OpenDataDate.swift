extension Portal {
    /// The datasets of a portal's open data, as far as their date goes.
    public enum OpenDataKind: Sendable, Hashable {
        /// The service catalogue (`servizi.csv`, `servizi.jsonld`).
        case services
        /// The merchants of `esercenti.csv`.
        case merchants
    }

    /// The day a dataset of the open data last changed (DCAT-AP_IT `dct:modified`, mandatory for a
    /// dataset), from what the content says, never from files' modification times, which a git clone or
    /// a copy changes, so that the same content gives the same catalogue:
    ///
    /// - the services: the newest `updated:` of the service pages, else `updated:` of portal.yaml;
    /// - the merchants (`esercenti.csv` has no dates): `updated:` of portal.yaml, else the services'
    ///   newest `updated:`.
    ///
    /// `nil` when the content writes none of these: the caller uses the build's day.
    public func openDataDate(of dataset: OpenDataKind) -> ContentDate? {
        // The services' dates without listing (copying) the services: their order does not change a maximum.
        let services = pages.lazy.filter { !$0.isSectionIndex }.compactMap(\.service?.updated).max()
        switch dataset {
        case .services: return services ?? config.updated
        case .merchants: return config.updated ?? services
        }
    }
}
