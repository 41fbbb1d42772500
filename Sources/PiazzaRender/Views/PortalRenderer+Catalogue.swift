import Foundation
import PiazzaContent

/// The service catalogue's facet pages, all under `servizi/`: one page per facet value in use
/// (`servizi/argomento/anziani/`) and one per pair of values of two facets that some service shares
/// (`servizi/argomento/anziani/per/famiglie/`) when it lists fewer services than one of its values, each
/// listing its service cards with its count. Links narrow one level only, from a value page to the pairs
/// that leave some of its services out, so the page count stays bounded by the pairs the services carry;
/// no page is empty and every page is linked. Every filter is a plain link: nothing needs JavaScript.
extension PortalRenderer {
    /// A facet of the catalogue, with its path segment under `servizi/` (PRODUCT.md §4).
    public enum ServiceFacet: String, Sendable, Hashable, CaseIterable, Comparable {
        case category = "categoria"
        case topic = "argomento"
        case audience = "per"
        case price = "prezzo"
        case provider = "erogatore"
        case channel = "canale"

        /// The heading of its links.
        public var title: String {
            switch self {
            case .category: return "Categoria"
            case .topic: return "Argomento"
            case .audience: return "A chi si rivolge"
            case .price: return "Costo"
            case .provider: return "Erogato da"
            case .channel: return "Canale"
            }
        }

        /// The order of `allCases`: pages and links list facets in it.
        public static func < (a: Self, b: Self) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// One value of a facet, by slug (`argomento` `tempo-libero`).
    public struct FacetValue: Sendable, Hashable, Comparable {
        public var facet: ServiceFacet
        public var slug: String

        /// Its path segments, `argomento/tempo-libero/`.
        var segment: String { "\(facet.rawValue)/\(slug)/" }

        public static func < (a: Self, b: Self) -> Bool { (a.facet, a.slug) < (b.facet, b.slug) }
    }

    /// A facet page: one value, or two values of different facets in facet order.
    public struct CatalogueFilter: Sendable, Hashable {
        public var values: [FacetValue]

        /// The page's path relative to the portal root (`servizi/argomento/anziani/per/famiglie/`).
        public var path: String { "servizi/" + values.map(\.segment).joined() }
    }

    /// The facet values of the published services, computed once per build and passed to each page.
    public struct ServiceCatalogue: Sendable {
        /// The services in list order.
        public let services: [Page]
        /// Every facet page, values first, then pairs, each group in facet and slug order.
        public let filters: [CatalogueFilter]
        /// The label of each value: the first spelling met for free text (topics, categories).
        let labels: [FacetValue: String]
        /// The indexes in `services` of each filter's services.
        let members: [CatalogueFilter: [Int]]
        /// This catalogue and its copies, for what is kept of its services (``Memo/serviceCards``).
        let identity = Identity()

        final class Identity: Sendable {}

        init(services: [Page]) {
            self.services = services
            // Each value gets a number when first met (its label is the spelling met then), and the services of
            // a value or a pair of values are gathered under an integer: hashing the two values' strings of each
            // of the thirty-odd pairs a service carries was 2 % of a 10k-page build (perf, 2026-12-01).
            var numbers: [FacetValue: Int] = [:]
            var values: [FacetValue] = []
            var labels: [String] = []
            // A value's number, or (first + 1) << 32 | second for a pair.
            var gathered: [Int: [Int]] = [:]
            for (index, page) in services.enumerated() {
                var carried: [Int] = []
                for (value, label) in Self.values(of: page.service!) {
                    let number = numbers[value] ?? values.count
                    if number == values.count {
                        numbers[value] = number
                        values.append(value)
                        labels.append(label)
                    }
                    if !carried.contains(number) { carried.append(number) }
                }
                carried.sort { values[$0] < values[$1] }
                for (position, first) in carried.enumerated() {
                    gathered[first, default: []].append(index)
                    for second in carried[(position + 1)...] where values[second].facet != values[first].facet {
                        gathered[(first + 1) << 32 | second, default: []].append(index)
                    }
                }
            }
            var members: [CatalogueFilter: [Int]] = [:]
            for (key, services) in gathered {
                let first = (key >> 32) - 1
                let second = key & 0xFFFF_FFFF
                guard first >= 0 else {
                    members[CatalogueFilter(values: [values[key]])] = services
                    continue
                }
                // A pair page that narrows neither of its values would repeat a value page: none is made.
                guard gathered[first]!.count > services.count || gathered[second]!.count > services.count else {
                    continue
                }
                members[CatalogueFilter(values: [values[first], values[second]])] = services
            }
            self.labels = Dictionary(uniqueKeysWithValues: zip(values, labels))
            self.members = members
            filters = members.keys.sorted {
                $0.values.count != $1.values.count
                    ? $0.values.count < $1.values.count : $0.values.lexicographicallyPrecedes($1.values)
            }
        }

        /// A service's values with their labels; free text folds to a slug, so `Tempo libero` and
        /// `tempo libero` are one page.
        static func values(of service: ServiceInfo) -> [(value: FacetValue, label: String)] {
            func value(_ facet: ServiceFacet, _ slug: String, _ label: String) -> (FacetValue, String) {
                (FacetValue(facet: facet, slug: slug), label)
            }
            return [value(.category, Slug.make(service.category, fallback: "categoria"), service.category)]
                + service.topics.map { value(.topic, topicSlug($0), $0) }
                + service.audience.map { value(.audience, $0.rawValue, $0.label) }
                + [value(.price, service.price.rawValue, service.price.label)]
                + [value(.provider, service.provider.rawValue, service.provider.label)]
                + service.channels.map { value(.channel, $0.rawValue, $0.label) }
        }

        /// The slug of a topic's page.
        static func topicSlug(_ topic: String) -> String { Slug.make(topic, fallback: "argomento") }

        /// How many services a filter's page lists (0 for a filter without a page).
        public func count(_ filter: CatalogueFilter) -> Int { members[filter]?.count ?? 0 }

        /// The indexes in ``services`` of the services a filter's page lists, in list order: a facet page
        /// reads its cards through them, without copying every `Page` it lists into an array of its own.
        func serviceIndices(_ filter: CatalogueFilter) -> [Int] { members[filter] ?? [] }

        func label(_ value: FacetValue) -> String { labels[value] ?? value.slug }

        /// The one-value filters, grouped by facet in facet order.
        var valuesByFacet: [(facet: ServiceFacet, values: [FacetValue])] {
            let single = filters.filter { $0.values.count == 1 }.map { $0.values[0] }
            return ServiceFacet.allCases.map { facet in (facet, single.filter { $0.facet == facet }) }
                .filter { !$0.values.isEmpty }
        }
    }

    /// The catalogue of the portal's services (every page of type service, not drafts), made once per
    /// renderer.
    public func serviceCatalogue() -> ServiceCatalogue {
        if let catalogue = memo.catalogue.withLock({ $0 }) { return catalogue }
        let catalogue = ServiceCatalogue(services: portal.pages(ofType: .service))
        memo.catalogue.withLock { $0 = $0 ?? catalogue }
        return catalogue
    }

    /// The published path of a topic's page, for the service page's topic links.
    static func topicPath(_ topic: String) -> String {
        CatalogueFilter(values: [FacetValue(facet: .topic, slug: ServiceCatalogue.topicSlug(topic))]).path
    }

    /// The catalogue's facet links on `servizi/`: every value with its count.
    func catalogueFacets(_ catalogue: ServiceCatalogue, links: PageLinks) -> [String: Any] {
        let groups: [[String: Any]] = catalogue.valuesByFacet.map { group in
            [
                "title": group.facet.title, "id": "facet-" + group.facet.rawValue,
                "values": group.values.map { value in
                    let filter = CatalogueFilter(values: [value])
                    return [
                        "label": catalogue.label(value), "count": catalogue.count(filter),
                        "url": links.url(filter.path),
                        // The model's category links (C.SI.1.7): their text is the category alone.
                        "dataElement": value.facet == .category ? "service-category-link" : false,
                    ] as [String: Any]
                },
            ]
        }
        return ["heading": "Filtra i servizi", "groups": groups]
    }

    /// The list entry (``item(_:links:)``) of each service of `catalogue`, in its order, for pages whose
    /// links have `links`' root: made once per root, so each card renders once per depth of the facet pages
    /// that list it (``FixedValue``).
    private func serviceCards(_ catalogue: ServiceCatalogue, links: PageLinks) -> [FixedValue] {
        let key = Memo.CardsKey(root: links.root, catalogue: catalogue.identity)
        return Memo.value(in: memo.serviceCards, key) {
            catalogue.services.map { FixedValue(item($0, links: links)) }
        }
    }

    /// Renders one facet page: its service cards, its count, and the links that narrow it by one more facet
    /// (on a value page) or lead back to each single value (on a pair page); UTF-8 bytes.
    public func renderCatalogueFilter(_ filter: CatalogueFilter, in catalogue: ServiceCatalogue) throws(ThemeError)
        -> [UInt8]
    {
        let links = PageLinks.relative(to: filter.path)
        let labels = filter.values.map { "\($0.facet.title): \(catalogue.label($0))" }
        let title = "Servizi – " + labels.joined(separator: ", ")
        let services = catalogue.serviceIndices(filter)
        var crumbs: [(String, String)] = [("Home", ""), (Self.sectionTitle("servizi"), "servizi/")]
        if filter.values.count == 2 {
            crumbs.append((labels[0], CatalogueFilter(values: [filter.values[0]]).path))
        }
        let description = services.count == 1 ? "1 servizio" : "\(services.count) servizi"
        let base = baseContext(
            title: title, description: "\(description) del catalogo con \(labels.joined(separator: " e ")).",
            links: links, layout: "list", breadcrumb: crumbs, section: "servizi")
        var facets: Any = false
        if filter.values.count == 1 {
            let value = filter.values[0]
            // Only links that leave out some of this page's services narrow it.
            let pairs = catalogue.filters.filter {
                $0.values.count == 2 && $0.values.contains(value) && catalogue.count($0) < services.count
            }
            let groups: [[String: Any]] = ServiceFacet.allCases.compactMap { facet in
                let narrowing = pairs.filter { pair in pair.values.contains { $0.facet == facet && $0 != value } }
                guard !narrowing.isEmpty else { return nil }
                return [
                    "title": facet.title, "id": "facet-" + facet.rawValue,
                    "values": narrowing.map { pair in
                        [
                            "label": catalogue.label(pair.values.first { $0 != value }!),
                            "count": catalogue.count(pair), "url": links.url(pair.path), "dataElement": false,
                        ] as [String: Any]
                    },
                ]
            }
            if !groups.isEmpty { facets = ["heading": "Restringi la ricerca", "groups": groups] as [String: Any] }
        }
        let selected: [[String: Any]] = filter.values.map { value in
            let rest = filter.values.filter { $0 != value }
            let without = rest.isEmpty ? "servizi/" : CatalogueFilter(values: rest).path
            return ["label": "\(value.facet.title): \(catalogue.label(value))", "removeURL": links.url(without)]
        }
        let cards = serviceCards(catalogue, links: links)
        let list: [String: Any] = [
            "items": services.map { cards[$0] }, "empty": false, "count": description,
            "facets": facets, "selected": selected, "hasSelected": true,
        ]
        return try renderUTF8("list", base: base, ["list": list])
    }
}
