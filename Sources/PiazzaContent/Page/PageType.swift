/// The schema a page follows, from its `type:` key or else its section folder.
public enum PageType: String, Sendable, Hashable, CaseIterable {
    /// A "scheda servizio" of the service catalogue (`servizi/`).
    case service
    /// An income-support measure with a form and a bando window (`misure/`).
    case measure
    /// A news item (`notizie/`).
    case news
    /// Any other page (privacy, accessibility, FAQ...).
    case page

    /// The type implied by a page's first folder when it has no `type:` key.
    public static func implied(bySection section: String) -> PageType {
        switch section {
        case "servizi": return .service
        case "misure": return .measure
        case "notizie": return .news
        default: return .page
        }
    }
}
