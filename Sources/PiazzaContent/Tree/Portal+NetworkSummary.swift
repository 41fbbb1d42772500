extension Portal {
    /// The portal as the network home (`site/index.html`) shows it: its id, settings and forms, its measures
    /// (the open ones are listed, their windows read from the forms), and one merchant when it has any (the
    /// home links the merchants' list); its other pages, calendars and files are left out.
    ///
    /// A build that renders one portal at a time keeps this of each, not the portal, for the network home
    /// it writes once every portal is built: the summaries of a 10,000-page portal hold its few measures
    /// instead of every page.
    public var networkSummary: Portal {
        Portal(
            id: id, config: config, pages: pages(ofType: .measure), forms: forms, staticFiles: [],
            contentRoot: contentRoot, merchants: Array(merchants.prefix(1)))
    }
}
