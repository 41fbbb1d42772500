import Foundation
import PiazzaContent

/// The Designers Italia "modello sito Comuni" navigation as AgID's checker (`italia/pa-website-validator-ng`)
/// follows it from the home page: the main menu's four first-level items with their fixed labels and
/// `data-element`s (criterion C.SI.1.6), the first-level pages whose category links carry titles from the
/// model's lists (C.SI.1.7), the bookings page that `appointment-booking` opens (C.SI.2.1), and the topics
/// page that the home page's `all-topics` link opens (C.SI.1.5).
extension PortalRenderer {
    /// One item of the main menu.
    struct MenuItem {
        var title: String
        /// Relative to the portal root.
        var path: String
        /// The checker's `data-element` for the item (`management`, `news`, `all-services`, `live`); an
        /// item without one is one of the "up to 3 extra items" the model allows.
        var dataElement: String?
        /// The site sections whose pages mark this item as the current one.
        var sections: [String]
    }

    /// A first-level page of the model: a title, a lead and its category links.
    public struct ModelPage: Sendable, Hashable {
        /// Relative to the portal root (`novita/`).
        public var path: String
        public var title: String
        public var lead: String
        public var entries: [Entry]

        /// A category link of a first-level page.
        public struct Entry: Sendable, Hashable {
            /// A title from the model's list for the page's menu item (`Notizie`, `Avvisi`, `Luoghi`, …).
            public var title: String
            public var text: String
            /// Relative to the portal root.
            public var path: String
            /// `management-category-link`, `news-category-link`, `live-button-locations`, `event-link`, …
            public var dataElement: String
        }
    }

    /// The first-level page of the administration (model menu item "Amministrazione").
    public static let administrationPath = "amministrazione/"
    /// The first-level page of the news (model menu item "Novità").
    public static let newsHubPath = "novita/"
    /// The first-level page of life in the comune (model menu item "Vivere …").
    public static let livePath = "vivere/"
    /// Every booking calendar of the portal: the target of `appointment-booking` and of the "Eventi" button.
    public static let bookingsPath = "prenotazioni/"
    /// Every topic of the portal's services (the home's `all-topics` link): each a `topic-element` link to
    /// its catalogue page.
    public static let topicsPath = "argomenti/"

    /// The topics page, when a service of the portal has a topic: the topics in the model's order
    /// (``ModelTopics``), each with its number of services.
    var topicsPage: ModelPage? {
        var counts: [String: Int] = [:]
        for service in portal.pages(ofType: .service) {
            for topic in service.service?.topics ?? [] { counts[topic, default: 0] += 1 }
        }
        guard !counts.isEmpty else { return nil }
        return ModelPage(
            path: Self.topicsPath, title: "Argomenti",
            lead: "Gli argomenti dei servizi del portale, dal vocabolario del modello dei siti dei Comuni.",
            entries: ModelTopics.all.compactMap { topic in
                counts[topic].map { count in
                    ModelPage.Entry(
                        title: topic, text: count == 1 ? "1 servizio" : "\(count) servizi",
                        path: Self.topicPath(topic), dataElement: "topic-element")
                }
            })
    }

    /// The main menu in the model's order: Amministrazione, Novità, Servizi, Vivere + the comuni's names
    /// (the checker matches `^Vivere `), then the measures as the one extra item.
    func mainMenu() -> [MenuItem] {
        let comuni = portal.config.comuni.map(\.name).joined(separator: " e ")
        return [
            MenuItem(
                title: "Amministrazione", path: Self.administrationPath, dataElement: "management",
                sections: ["amministrazione", "open-data"]),
            MenuItem(title: "Novità", path: Self.newsHubPath, dataElement: "news", sections: ["novita", "notizie"]),
            MenuItem(title: "Servizi", path: "servizi/", dataElement: "all-services", sections: ["servizi"]),
            MenuItem(
                title: "Vivere \(comuni)", path: Self.livePath, dataElement: "live",
                sections: ["vivere", "prenotazioni", Merchant.section]),
            MenuItem(title: "Misure di sostegno", path: "misure/", dataElement: nil, sections: ["misure"]),
        ]
    }

    /// The menu as the base template lists it, the current item marked.
    func menuContext(links: PageLinks, section: String) -> [[String: Any]] {
        mainMenu().map { item in
            [
                "title": item.title, "url": links.url(item.path), "current": item.sections.contains(section),
                "dataElement": item.dataElement ?? false,
            ]
        }
    }

    /// The model's first-level pages this portal publishes, and its bookings page. Category titles come
    /// from the checker's dictionaries (`src/storage/municipality/menuItems.ts`).
    public var modelPages: [ModelPage] {
        typealias Entry = ModelPage.Entry
        var live: [Entry] = []
        if !portal.merchants.isEmpty {
            live.append(
                Entry(
                    title: "Luoghi", text: "I negozi e gli esercizi dove usare i buoni spesa, con la mappa.",
                    path: Merchant.section + "/", dataElement: "live-button-locations"))
        }
        if !portal.calendars.isEmpty {
            live.append(
                Entry(
                    title: "Eventi", text: "Lezioni, attività e visite da prenotare, con i posti liberi.",
                    path: Self.bookingsPath, dataElement: "live-button-events"))
        }
        let comuni = portal.config.comuni.map(\.name).joined(separator: " e ")
        var pages = [
            ModelPage(
                path: Self.administrationPath, title: "Amministrazione",
                lead: "Gli enti che offrono i servizi del portale e i dati che pubblicano.",
                entries: [
                    Entry(
                        title: "Documenti e dati",
                        text:
                            "I dati aperti del portale: i servizi e gli esercenti, in CSV e JSON, con licenza CC-BY 4.0.",
                        path: Self.openDataPath, dataElement: "management-category-link")
                ]),
            ModelPage(
                path: Self.newsHubPath, title: "Novità", lead: "Le notizie del portale e gli avvisi aperti.",
                entries: [
                    Entry(
                        title: "Notizie", text: "Le ultime notizie su servizi, aiuti e iniziative.", path: "notizie/",
                        dataElement: "news-category-link"),
                    Entry(
                        title: "Avvisi",
                        text: "I bandi delle misure di sostegno: chi può fare domanda e fino a quando.",
                        path: "misure/", dataElement: "news-category-link"),
                ]),
            ModelPage(
                path: Self.livePath, title: "Vivere \(comuni)", lead: "Luoghi ed eventi del territorio.",
                entries: live),
        ]
        if !portal.calendars.isEmpty {
            pages.append(
                ModelPage(
                    path: Self.bookingsPath, title: "Prenotazioni",
                    lead: "Scegli l'attività e prenota un posto nei giorni e negli orari liberi.",
                    entries: portal.calendars.map { calendar in
                        Entry(
                            title: calendar.title, text: calendar.description,
                            path: Portal.calendarURL(id: calendar.id), dataElement: "event-link")
                    }))
        }
        if let topicsPage { pages.append(topicsPage) }
        return pages
    }

    /// Renders one of ``modelPages``.
    public func renderModelPage(_ page: ModelPage) throws(ThemeError) -> String {
        let links = PageLinks.relative(to: page.path)
        let section = String(page.path.dropLast())
        let base = baseContext(
            title: page.title, description: page.lead, links: links, layout: "model", breadcrumb: [("Home", "")],
            section: section)
        let entries: [[String: Any]] = page.entries.map {
            ["title": $0.title, "text": $0.text, "url": links.url($0.path), "dataElement": $0.dataElement]
        }
        return try render(
            "model-index", base: base, ["model": ["lead": page.lead, "entries": entries, "empty": entries.isEmpty]])
    }

    /// The legal notes page the footer's `legal-notes` link opens.
    public static let legalNotesPath = "note-legali/"

    /// The open-by-default licence statement, word for word as the model's legal notes carry it and AgID's
    /// checker compares it (criterion C.SI.3.4, `src/audits/license/legalNotes.ts`; CAD art. 52).
    static let licence = (
        title: "Licenza dei contenuti",
        text: "In applicazione del principio open by default ai sensi dell’articolo 52 del decreto legislativo 7 marzo"
            + " 2005, n. 82 (CAD) e salvo dove diversamente specificato (compresi i contenuti incorporati di terzi),"
            + " i dati, i documenti e le informazioni pubblicati sul sito sono rilasciati con licenza CC-BY 4.0."
            + " Gli utenti sono quindi liberi di condividere (riprodurre, distribuire, comunicare al pubblico,"
            + " esporre in pubblico), rappresentare, eseguire e recitare questo materiale con qualsiasi mezzo e"
            + " formato e modificare (trasformare il materiale e utilizzarlo per opere derivate) per qualsiasi fine,"
            + " anche commerciale con il solo onere di attribuzione, senza apporre restrizioni aggiuntive."
    )

    /// The licence section the legal notes page opens with (`legal-notes-section`, `legal-notes-body`); false
    /// for every other page.
    func licenceSection(for page: Page) -> Any {
        guard page.url == Self.legalNotesPath else { return false }
        return ["title": Self.licence.title, "text": Self.licence.text]
    }

    /// Where `appointment-booking` leads: the bookings page, when the portal has calendars.
    func appointmentBookingURL(links: PageLinks) -> Any {
        portal.calendars.isEmpty ? false : links.url(Self.bookingsPath)
    }
}
