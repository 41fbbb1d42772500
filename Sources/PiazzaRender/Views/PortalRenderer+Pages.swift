import Foundation
import PiazzaContent

extension PortalRenderer {
    /// Renders any published page with the layout of its type, as UTF-8 bytes (``Theme/renderUTF8(_:_:)``).
    public func render(_ page: Page, body: RenderedBody) throws(ThemeError) -> [UInt8] {
        let links = PageLinks.relative(to: page.url)
        if page.id == "_index.md" { return try renderHome(page, body: body, links: links) }
        if page.isSectionIndex { return try renderList(page, body: body, links: links) }
        var crumbs: [(String, String)] = [("Home", "")]
        if !page.section.isEmpty {
            let sectionPage = portal.page(id: page.section + "/_index.md")
            crumbs.append((sectionPage?.title ?? Self.sectionTitle(page.section), page.section + "/"))
        }
        var base = baseContext(
            title: page.title, description: page.description, links: links, layout: page.type.rawValue,
            breadcrumb: crumbs, section: page.section)
        base["content"] = body.html
        base["searchable"] = page.type != .page
        switch page.details {
        case .service(let service):
            base["jsonLD"] = JSONLD.governmentService(page, service, portal: portal, address: contactAddress)
            return try renderUTF8(
                "service", base: base, ["service": serviceContext(page, service, body: body, links: links)])
        case .measure(let measure):
            return try renderUTF8(
                "measure", base: base, ["measure": measureContext(measure, page: page, links: links)])
        case .news(let news):
            base["jsonLD"] = JSONLD.newsArticle(page, news, portal: portal)
            base["ogType"] = "article"
            let topics = news.topics.map { ["name": $0] }
            return try renderUTF8(
                "news", base: base,
                ["news": ["dateText": news.date.longItalian, "dateISO": news.date.iso, "topics": topics]])
        case .page:
            return try renderUTF8("page", base: base, ["licence": licenceSection(for: page)])
        }
    }

    /// A section list page (`servizi/`), from its `_index.md` or generated when there is none, as UTF-8 bytes.
    public func renderSectionList(section: String, indexPage: Page?, body: RenderedBody?) throws(ThemeError)
        -> [UInt8]
    {
        let links = PageLinks.relative(to: section + "/")
        let title = indexPage?.title ?? Self.sectionTitle(section)
        var base = baseContext(
            title: title, description: indexPage?.description, links: links, layout: "list",
            breadcrumb: [("Home", "")], section: section)
        base["content"] = body?.html ?? ""
        let items = portal.pages(inSection: section).map { item($0, links: links) }
        // The catalogue's facets live on `servizi/`, the section the facet pages are under.
        let facets: Any = section == "servizi" ? catalogueFacets(serviceCatalogue(), links: links) : false
        let list: [String: Any] = [
            "items": items, "empty": items.isEmpty, "count": false, "facets": facets, "selected": [Any](),
            "hasSelected": false,
        ]
        return try renderUTF8("list", base: base, ["list": list])
    }

    private func renderList(_ page: Page, body: RenderedBody, links: PageLinks) throws(ThemeError) -> [UInt8] {
        try renderSectionList(section: page.section, indexPage: page, body: body)
    }

    private func renderHome(_ page: Page, body: RenderedBody, links: PageLinks) throws(ThemeError) -> [UInt8] {
        var base = baseContext(
            title: page.title, description: page.description, links: links, layout: "home", breadcrumb: [], section: "")
        base["content"] = body.html
        // Closed bandi drop off the home page by themselves at the next build.
        let featured = portal.config.featuredMeasures.compactMap { portal.page(id: "misure/\($0).md") }
            .filter { page in page.measure.map { measureWindow($0).state != .closed } ?? false }
            .map { item($0, links: links) }
        let news = portal.pages(ofType: .news).prefix(3).map { item($0, links: links) }
        let services = portal.pages(ofType: .service)
        var counts: [String: Int] = [:]
        for service in services { counts[service.service!.category, default: 0] += 1 }
        let categories = counts.keys.sorted().map { ["name": $0, "count": counts[$0]!] as [String: Any] }
        var merchants: Any = false
        if !portal.merchants.isEmpty {
            merchants =
                [
                    "count": portal.merchants.count, "listURL": links.url(Merchant.section + "/"),
                    "mapURL": links.url(MerchantList(.map).path),
                ] as [String: Any]
        }
        let home: [String: Any] = [
            "featured": featured, "hasFeatured": !featured.isEmpty, "news": Array(news), "hasNews": !news.isEmpty,
            "categories": categories, "serviceCount": services.count, "merchants": merchants,
            // The model's `all-topics` link (AgID C.SI.1.5), when the portal has a topics page.
            "allTopics": topicsPage == nil ? false : links.url(Self.topicsPath),
        ]
        return try renderUTF8("home", base: base, ["home": home])
    }

    /// The page static hosts serve for unknown paths; its links are absolute from the site root.
    public func renderNotFound() throws(ThemeError) -> String {
        let path = URL(string: portal.config.baseURL)?.path ?? ""
        let root = path.isEmpty ? "/" : path + "/"
        let links = PageLinks.absolute(root: root, assets: root + "assets/")
        let base = baseContext(
            title: "Pagina non trovata", description: nil, links: links, layout: "notfound", breadcrumb: [],
            section: "")
        return try render("404", base: base, [:])
    }

    /// A short message page (used by the daemon: not found, closed bando, too many requests, thanks).
    public func renderMessage(_ page: MessagePage) throws(ThemeError) -> String {
        let base = baseContext(
            title: page.title, description: nil, links: daemonLinks, layout: "message", breadcrumb: [("Home", "")],
            section: "")
        let link: Any = page.link.map { ["text": $0.text, "url": $0.url] } ?? false
        return try render(
            "message", base: base, ["message": ["paragraphs": page.paragraphs.map { ["text": $0] }, "link": link]])
    }

    /// Links of pages the daemon serves: back to the published site, assets of the portal's theme from the
    /// daemon itself (``daemonAssetsAddress(theme:)``).
    var daemonLinks: PageLinks {
        .absolute(root: portal.config.baseURL + "/", assets: daemonAssetsAddress(theme: portal.config.theme))
    }

    /// The address of a theme's assets in the daemon's pages: ``daemonAssets(theme:)`` under ``daemonPath``
    /// (`/welfare/themes/italia/` behind a proxy that mounts the daemon at `/welfare/`).
    func daemonAssetsAddress(theme name: String) -> String {
        daemonAddress(Self.daemonAssets(theme: name))
    }

    /// The address, in a page the daemon serves, of the daemon's own `path` (`/forms/vigonza/misura-1`, from
    /// ``PiazzaContent/Portal/formPath(for:)`` and its siblings): under ``daemonPath``, never under the content's
    /// `intake_url`, which names the production daemon even in a local trial (docs/DAEMON.md). The one rule of
    /// where a daemon page's forms post and its links to the daemon lead.
    func daemonAddress(_ path: String) -> String {
        daemonPath + path
    }

    /// Where the daemon serves the assets of a theme: the default theme's at `/assets/`, another theme's at
    /// `/themes/<name>/` (a name is lowercase letters, digits and `-`, ``PortalConfig/theme``); each at any depth.
    public static func daemonAssets(theme name: String) -> String {
        name == PortalConfig.defaultTheme ? "/assets/" : "/themes/\(name)/"
    }

    static func sectionTitle(_ section: String) -> String {
        switch section {
        case "servizi": return "Servizi"
        case "misure": return "Misure di sostegno"
        case "notizie": return "Notizie"
        default: return section.prefix(1).uppercased() + section.dropFirst().replacingOccurrences(of: "-", with: " ")
        }
    }

    private func serviceContext(_ page: Page, _ service: ServiceInfo, body: RenderedBody, links: PageLinks)
        -> [String: Any]
    {
        var sections: [[String: Any]] = []
        func add(_ kind: ServiceSection.Kind, html: String, extra: [String: Any] = [:]) {
            var entry: [String: Any] = [
                "anchor": kind.anchor, "title": kind.title, "dataElement": kind.dataElement ?? false, "html": html,
                "isAccess": false, "isContacts": false, "isConditions": false,
            ]
            entry.merge(extra) { _, new in new }
            sections.append(entry)
        }
        // A lookup, not a dictionary built from the sections: it cannot trap on a repeated section.
        func written(_ kind: ServiceSection.Kind) -> String? { body.sections.first { $0.kind == kind }?.html }
        for kind in ServiceSection.Kind.allCases {
            switch kind {
            case .cost:
                if let cost = service.cost { add(kind, html: "<p>\(Escape.html(cost))</p>") }
            case .access:
                add(
                    kind, html: "",
                    extra: ["isAccess": true, "access": accessContext(service.access, page: page, links: links)])
            case .conditions:
                let file: Any = service.conditionsFile.map { links.url($0) } ?? false
                add(kind, html: written(kind) ?? "", extra: ["isConditions": true, "conditionsFile": file])
            case .contacts:
                add(
                    kind, html: written(kind) ?? "",
                    extra: ["isContacts": true, "office": service.office ?? false])
            default:
                if let html = written(kind) { add(kind, html: html) }
            }
        }
        return [
            "statusLabel": service.status == .attivo ? "Servizio attivo" : "Servizio non attivo",
            "isActive": service.status == .attivo,
            "statusReason": service.statusReason ?? false,
            "category": service.category,
            "topics": service.topics.map { ["name": $0, "url": links.url(Self.topicPath($0))] },
            "audience": service.audience.map { ["label": $0.label] },
            "priceLabel": service.price.label,
            "welfareLabel": service.welfare.label,
            "providerLabel": service.provider.label,
            "providerName": service.providerName ?? false,
            "maxResponseDays": service.maxResponseDays,
            "index": sections.map { ["anchor": $0["anchor"]!, "title": $0["title"]!] },
            "sections": sections,
        ]
    }

    private func accessContext(_ access: ServiceInfo.Access, page: Page, links: PageLinks) -> [String: Any] {
        var form: Any = false
        if let id = access.form, let definition = portal.form(id: id) {
            form = serviceFormContext(definition, url: links.url(Portal.formURL(id: id)))
        }
        var booking: Any = false
        if let path = access.booking, case .internalPath(let target) = portal.resolve(path, from: page.id) {
            booking = links.url(target)
        }
        return ["online": access.online ?? false, "form": form, "booking": booking, "place": access.place ?? false]
    }

    private func measureContext(_ measure: MeasureInfo, page: Page, links: PageLinks) -> [String: Any] {
        let form = portal.form(id: measure.form)
        let window = measureWindow(measure)
        return [
            "numberLabel": measure.number.map { "Misura \($0)" } ?? false,
            "amount": measure.amount ?? false,
            "opensText": window.opens,
            "closesText": window.closes,
            "stateLabel": measureStateLabel(measure),
            "isOpen": window.state == .open,
            "formURL": links.url(Portal.formURL(id: measure.form)),
            "formTitle": form?.title ?? measure.form,
            "topics": measure.topics.map { ["name": $0] },
            // The shops that take the measure (`misure/<slug>.md` ↔ the slug in esercenti.csv).
            "merchantsURL": merchantListPath(
                forMeasure: String(page.id.dropFirst("misure/".count).dropLast(".md".count))
            )
            .map { links.url($0) } ?? false,
        ]
    }
}
