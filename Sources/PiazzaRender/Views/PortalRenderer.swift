import Foundation
import PiazzaContent
import Synchronization

/// Renders a portal's pages through a theme. Shared by the generator and the daemon, so a form
/// re-rendered with errors looks exactly like the published one.
public struct PortalRenderer: Sendable {
    public let portal: Portal
    public let theme: Theme
    /// The theme of the back office's pages (layout ``backOfficeLayout``): the default theme whatever the
    /// portal's, since the operators' templates and their styles are the default theme's (docs/DAEMON.md).
    public let backOfficeTheme: Theme
    /// The moment pages are rendered for (which bandi are open); one value per build keeps output deterministic.
    public let now: Date
    /// The path the daemon is published under, `public_url`'s (`/welfare`; empty at the root, and for the build):
    /// the start of the daemon's own addresses its pages write (``daemonAssetsAddress(theme:)``).
    public let daemonPath: String
    /// What is worked out from ``portal`` once and read by many pages (the portal never changes).
    let memo = Memo()
    /// The portal's contacts address (`contacts.address`) read as a postal address, once: every service page's
    /// JSON-LD names it (parsing it per page was 1.6 % of a 10k-page build, perf 2026-12-01); `nil` when it has
    /// no `street, CAP locality (PR)` shape.
    let contactAddress: PostalAddress?
    /// The header of the back office's pages this renderer makes, for the logged-in user (``backOffice(header:)``).
    public private(set) var operatorHeader: OperatorHeaderView?

    /// - Parameters:
    ///   - backOfficeTheme: the daemon's default theme; `nil` (the build, which has no back office) is `theme`.
    ///   - daemonPath: ``daemonPath``.
    public init(
        portal: Portal, theme: Theme, backOfficeTheme: Theme? = nil, daemonPath: String = "", now: Date = Date()
    ) {
        self.portal = portal
        self.theme = theme
        self.backOfficeTheme = backOfficeTheme ?? theme
        self.daemonPath = daemonPath
        self.now = now
        contactAddress = portal.config.contacts.address.flatMap(PostalAddress.init(parsing:))
    }

    /// Values a renderer works out once, shared by its copies: the service catalogue was built again for
    /// the build, the search page and the services list, each walking every service (3 % of a build).
    final class Memo: Sendable {
        let catalogue = Mutex<ServiceCatalogue?>(nil)
        /// ``FixedParts`` by the root of the pages' links and their section.
        let fixedParts = Mutex<[FixedPartsKey: FixedParts]>([:])
        /// A catalogue's service cards by the root of the facet pages' links, in catalogue order.
        let serviceCards = Mutex<[CardsKey: [FixedValue]]>([:])

        struct CardsKey: Hashable {
            var root: String
            /// Kept, so that no other catalogue takes its address while the memo lives.
            var catalogue: ServiceCatalogue.Identity

            static func == (a: Self, b: Self) -> Bool { a.root == b.root && a.catalogue === b.catalogue }

            func hash(into hasher: inout Hasher) {
                hasher.combine(root)
                hasher.combine(ObjectIdentifier(catalogue))
            }
        }

        /// The value for `key` in `memo`, made by `make` outside the lock the first time.
        static func value<Key: Hashable & Sendable, Value: Sendable>(
            in memo: borrowing Mutex<[Key: Value]>, _ key: Key, _ make: () -> Value
        ) -> Value {
            if let value = memo.withLock({ $0[key] }) { return value }
            let value = make()
            return memo.withLock { memo in
                if let kept = memo[key] { return kept }
                memo[key] = value
                return value
            }
        }
    }

    struct FixedPartsKey: Hashable {
        var root: String
        var assets: String
        var section: String
    }

    /// What the base contexts of pages with the same links (but their own path) in the same section share,
    /// made once per renderer: the base context's keys with their page's own values left blank, and the
    /// widget's blank keys. Building each page's base context anew, with its breadcrumb, was 6.9 % of a
    /// 10k-page build (perf, 2026-12-01).
    struct FixedParts: @unchecked Sendable {
        // @unchecked: the dictionaries hold strings, flags and fixed values, which are immutable.
        var base: [String: Any]
        /// The feedback widget with nothing chosen and no page (``feedbackContext(_:action:)``).
        var feedback: [String: Any]
        /// ``PageLinks/isSitePage`` of the links.
        var isSitePage: Bool
    }

    /// The ``FixedParts`` of pages with `links` in `section`. The menu, contacts, DPO and footer are
    /// ``FixedValue``s: each template section over them renders once per key.
    private func fixedParts(links: PageLinks, section: String) -> FixedParts {
        Memo.value(in: memo.fixedParts, FixedPartsKey(root: links.root, assets: links.assets, section: section)) {
            let config = portal.config
            let contacts: [String: Any] = [
                "email": config.contacts.email,
                "phone": config.contacts.phone ?? false,
                "address": config.contacts.address ?? false,
                "pec": config.contacts.pec ?? false,
            ]
            let footer: [String: Any] = [
                "privacy": links.url("privacy/"),
                "accessibility": links.url("accessibilita/"),
                "legal": links.url("note-legali/"),
                "faq": links.url("faq/"),
                "report": links.url("segnala-disservizio/"),
                "feed": links.url("feed.xml"),
                "openData": links.url(PortalRenderer.openDataPath),
                // The root key's value: the footer's links read it inside `{{#footer}}`, so that the
                // section reads nothing outside the fixed value.
                "accessibilityStatement": config.accessibilityStatement,
            ]
            let base: [String: Any] = [
                "lang": "it",
                // The page's own keys, set by ``baseContext(title:description:links:layout:breadcrumb:section:)``:
                // present here, so that setting them changes values and never grows the dictionary.
                "title": "", "pageTitle": "", "description": "", "canonical": false, "breadcrumbJSONLD": false,
                "layout": "", "breadcrumb": [[String: Any]](), "hasBreadcrumb": false, "feedback": false,
                // Open Graph (ogp.me) for link previews; the logo, when there is one, as the image.
                "ogType": "website",
                "ogImage": config.logo.map { config.baseURL + "/" + $0 } ?? false,
                // Pages whose `<main>` Pagefind indexes (`data-pagefind-body`): services, measures, news, merchants.
                "searchable": false,
                "searchURL": links.url(PortalRenderer.searchPath),
                "root": links.url(""),
                "assets": links.assets,
                // The back office's header in place of the site's navigation (``render(_:base:_:)`` sets it).
                "operator": false,
                "portalName": config.name,
                "portalDescription": config.description,
                "logo": config.logo.map { links.url($0) } ?? false,
                "primaryColor": config.primaryColor,
                "primaryDarkColor": config.primaryDarkColor,
                "comuniNames": config.comuni.map(\.name).joined(separator: ", "),
                "contacts": FixedValue(contacts),
                "dpo": FixedValue(["name": config.dpo.name, "email": config.dpo.email]),
                "accessibilityStatement": config.accessibilityStatement,
                "nav": FixedValue(menuContext(links: links, section: section)),
                "appointmentBooking": appointmentBookingURL(links: links),
                "footer": FixedValue(footer),
                "jsonLD": false,
                "content": "",
            ]
            return FixedParts(
                base: base, feedback: feedbackContext(FeedbackFormState(page: "")), isSitePage: links.isSitePage)
        }
    }

    /// The layout of the back office's pages, rendered with ``backOfficeTheme``.
    static let backOfficeLayout = "operator"

    /// The keys every layout's base template uses.
    func baseContext(
        title: String, description: String?, links: PageLinks, layout: String, breadcrumb: [(String, String)],
        section: String
    ) -> [String: Any] {
        let config = portal.config
        let fixed = fixedParts(links: links, section: section)
        let crumbs: [[String: Any]] = breadcrumb.map { ["title": $0.0, "url": links.url($0.1)] }
        // Only a page of the site has an address of its own to be canonical, shared or listed in a breadcrumb.
        let canonical = fixed.isSitePage ? config.baseURL + "/" + links.path : nil
        var context = fixed.base
        context["title"] = title
        context["pageTitle"] = title == config.name ? title : "\(title) – \(config.name)"
        context["description"] = description ?? config.description
        context["canonical"] = canonical ?? false
        if let canonical, !breadcrumb.isEmpty {
            context["breadcrumbJSONLD"] = JSONLD.breadcrumbList(
                breadcrumb, title: title, url: canonical, baseURL: config.baseURL)
        }
        context["layout"] = layout
        context["breadcrumb"] = crumbs
        context["hasBreadcrumb"] = !crumbs.isEmpty
        // The clarity feedback widget (ClarityFeedback) closes the pages of the site; form pages turn it off.
        if fixed.isSitePage {
            var feedback = fixed.feedback
            feedback["page"] = ClarityFeedback.pagePath(links.path)
            context["feedback"] = feedback
        }
        return context
    }

    /// This renderer for the back-office pages of a logged-in user: every page it renders is a back-office
    /// page (as layout ``backOfficeLayout`` is, the form an operator fills for a citizen too) with `header`
    /// in place of the site's navigation (the `operator` key of the base template).
    public func backOffice(header: OperatorHeaderView) -> PortalRenderer {
        var renderer = self
        renderer.operatorHeader = header
        return renderer
    }

    /// Merges layout keys over the base keys and renders `template`; a back-office page (layout
    /// ``backOfficeLayout``, or any page of a renderer with an ``operatorHeader``) with ``backOfficeTheme``, its
    /// templates, the daemon's address of its files and the header.
    func render(_ template: String, base: consuming [String: Any], _ extra: [String: Any]) throws(ThemeError)
        -> String
    {
        String(decoding: try renderUTF8(template, base: consume base, extra), as: UTF8.self)
    }

    /// ``render(_:base:_:)``'s page as UTF-8 bytes (``Theme/renderUTF8(_:_:)``): the pages the build writes.
    ///
    /// `base` is consumed: the layout's keys are added to the page's own base context (made for it by
    /// ``baseContext(title:description:links:layout:breadcrumb:section:)``) in place, where merging them
    /// into a new dictionary copied its forty entries on every page.
    func renderUTF8(_ template: String, base: consuming [String: Any], _ extra: [String: Any]) throws(ThemeError)
        -> [UInt8]
    {
        let backOffice = base["layout"] as? String == Self.backOfficeLayout || operatorHeader != nil
        var context = consume base
        for (key, value) in extra { context[key] = value }
        guard backOffice else {
            return try theme.renderUTF8(template, context)
        }
        context["assets"] = daemonAssetsAddress(theme: PortalConfig.defaultTheme)
        context["operator"] = operatorHeader?.context ?? false
        return try backOfficeTheme.renderUTF8(template, context)
    }

    /// A list entry for a page.
    func item(_ page: Page, links: PageLinks) -> [String: Any] {
        var badge: Any = false
        if let service = page.service {
            badge = service.status == .inattivo ? "Non attivo" : service.price.label
        } else if let measure = page.measure {
            badge = measureStateLabel(measure)
        }
        return [
            "title": page.title,
            "url": links.url(page.url),
            "description": page.description ?? false,
            "dateText": page.news.map { $0.date.longItalian } ?? false,
            "dateISO": page.news.map { $0.date.iso } ?? false,
            "badge": badge,
            // Designers Italia's `service-link` marks the link of a service card.
            "isService": page.service != nil,
        ]
    }

    /// Where a measure's bando stands now: its form's window (with times) when the form exists,
    /// else the whole days of the measure page.
    func measureWindow(_ measure: MeasureInfo) -> (state: FormDefinition.WindowState, opens: String, closes: String) {
        let state = measure.windowState(in: portal, at: now)
        if let form = portal.form(id: measure.form) { return (state, form.opens.longItalian, form.closes.longItalian) }
        return (state, measure.opens.longItalian, measure.closes.longItalian)
    }

    /// "Aperto fino al 15 dicembre 2026, ore 12:00" and friends, relative to the renderer's clock.
    func measureStateLabel(_ measure: MeasureInfo) -> String {
        let window = measureWindow(measure)
        switch window.state {
        case .notYetOpen: return "Apre il \(window.opens)"
        case .closed: return "Chiuso dal \(window.closes)"
        case .open: return "Aperto fino al \(window.closes)"
        }
    }
}
