import Foundation
import PiazzaContent

/// The merchant pages, all under `esercenti/`: the table sorted by name (`esercenti/`) and by category
/// (`esercenti/per-categoria/`), one table per category (`esercenti/categoria/<slug>/`) and per accepted
/// measure (`esercenti/misura/<slug>/`), the map (`esercenti/mappa/`) and one page per merchant. Every
/// list is a complete table in the HTML, so nothing needs JavaScript; the map only adds to it.
extension PortalRenderer {
    /// One merchant list page: which merchants, in which order, under which title.
    public struct MerchantList: Sendable {
        public enum Kind: Sendable, Hashable {
            case byName, byCategory, map
            case category(String)
            case measure(String)
        }

        public var kind: Kind
        /// The page's path relative to the portal root (`esercenti/categoria/alimentari/`).
        public var path: String

        init(_ kind: Kind) {
            self.kind = kind
            switch kind {
            case .byName: path = Merchant.section + "/"
            case .byCategory: path = Merchant.section + "/per-categoria/"
            case .map: path = Merchant.section + "/mappa/"
            case .category(let slug): path = Merchant.section + "/categoria/\(slug)/"
            case .measure(let slug): path = Merchant.section + "/misura/\(slug)/"
            }
        }
    }

    /// Every merchant list page of the portal, in a fixed order; none without merchants.
    public var merchantLists: [MerchantList] {
        guard !portal.merchants.isEmpty else { return [] }
        return [.byName, .byCategory, .map].map(MerchantList.init)
            + merchantCategories.map { MerchantList(.category($0.slug)) }
            + acceptedMeasures.map { MerchantList(.measure($0)) }
    }

    /// The published path of the merchants accepting a measure, when any does.
    public func merchantListPath(forMeasure slug: String) -> String? {
        acceptedMeasures.contains(slug) ? MerchantList(.measure(slug)).path : nil
    }

    /// The categories in use, by slug, each with the name of its first merchant in the file.
    private var merchantCategories: [(slug: String, name: String, count: Int)] {
        var names: [String: String] = [:]
        var counts: [String: Int] = [:]
        for merchant in portal.merchants {
            let slug = Merchant.slug(merchant.category)
            if names[slug] == nil { names[slug] = merchant.category }
            counts[slug, default: 0] += 1
        }
        return names.keys.sorted().map { ($0, names[$0]!, counts[$0]!) }
    }

    /// The measure slugs some merchant accepts, sorted.
    private var acceptedMeasures: [String] { Set(portal.merchants.flatMap(\.measures)).sorted() }

    /// Renders one merchant list page.
    public func renderMerchantList(_ list: MerchantList) throws(ThemeError) -> String {
        let links = PageLinks.relative(to: list.path)
        var merchants = portal.merchants.sorted { ($0.name, $0.slug) < ($1.name, $1.slug) }
        var title = "Esercenti convenzionati"
        var isFiltered = false
        switch list.kind {
        case .byName:
            break
        case .map:
            title = "Mappa degli esercenti convenzionati"
        case .byCategory:
            merchants.sort {
                (Merchant.slug($0.category), $0.name, $0.slug) < (Merchant.slug($1.category), $1.name, $1.slug)
            }
        case .category(let slug):
            merchants = merchants.filter { Merchant.slug($0.category) == slug }
            title = "Esercenti: \(merchants.first?.category ?? slug)"
            isFiltered = true
        case .measure(let slug):
            merchants = merchants.filter { $0.measures.contains(slug) }
            title = "Esercenti che accettano \(portal.measureTitle(slug))"
            isFiltered = true
        }
        var crumbs: [(String, String)] = [("Home", "")]
        if list.kind != .byName { crumbs.append(("Esercenti convenzionati", Merchant.section + "/")) }
        let base = baseContext(
            title: title, description: "Negozi dove si usano le misure di sostegno del Comune.", links: links,
            layout: "merchants", breadcrumb: crumbs, section: Merchant.section)
        let sortedByCategory = list.kind == .byCategory
        let rows: [[String: Any]] = merchants.map { merchant in
            [
                "name": merchant.name, "url": links.url(merchant.url), "category": merchant.category,
                "address": merchant.address, "hours": merchant.hours?.text ?? "",
                "measures": merchant.measures.map { portal.measureTitle($0) }.joined(separator: ", "),
            ]
        }
        let config = portal.config
        var map: Any = false
        if list.kind == .map {
            map =
                [
                    "geojson": links.url(Self.merchantGeoJSONPath), "root": links.url(""),
                    "tiles": config.mapTiles ?? false, "attribution": config.mapAttribution ?? "",
                    "leaflet": links.assets + "leaflet/",
                ] as [String: Any]
        }
        let context: [String: Any] = [
            "rows": rows,
            "count": rows.count,
            "sortedByName": !sortedByCategory,
            "byNameURL": links.url(MerchantList(.byName).path),
            "byCategoryURL": links.url(MerchantList(.byCategory).path),
            "isFiltered": isFiltered,
            "allURL": links.url(Merchant.section + "/"),
            "mapURL": links.url(MerchantList(.map).path),
            "map": map,
            "categories": merchantCategories.map {
                [
                    "name": $0.name, "count": $0.count, "url": links.url(MerchantList(.category($0.slug)).path),
                    "current": list.kind == .category($0.slug),
                ] as [String: Any]
            },
            "measures": acceptedMeasures.map { slug in
                [
                    "name": portal.measureTitle(slug), "url": links.url(MerchantList(.measure(slug)).path),
                    "current": list.kind == .measure(slug),
                ] as [String: Any]
            },
            "csvURL": links.url(Self.merchantCSVPath),
            "jsonURL": links.url(Self.merchantJSONPath),
            "geojsonURL": links.url(Self.merchantGeoJSONPath),
        ]
        return try render("merchants", base: base, ["merchants": context])
    }

    /// Renders a merchant's own page, with its `LocalBusiness` JSON-LD.
    public func renderMerchant(_ merchant: Merchant) throws(ThemeError) -> String {
        let links = PageLinks.relative(to: merchant.url)
        var base = baseContext(
            title: merchant.name, description: "\(merchant.category), \(merchant.address)", links: links,
            layout: "merchant", breadcrumb: [("Home", ""), ("Esercenti convenzionati", Merchant.section + "/")],
            section: Merchant.section)
        base["jsonLD"] = JSONLD.localBusiness(merchant, portal: portal)
        base["searchable"] = true
        let measures: [[String: Any]] = merchant.measures.map { slug in
            ["name": portal.measureTitle(slug), "url": links.url(Page.url(forID: "misure/\(slug).md"))]
        }
        let context: [String: Any] = [
            "category": merchant.category,
            "categoryURL": links.url(MerchantList(.category(Merchant.slug(merchant.category))).path),
            "address": merchant.address,
            "hours": merchant.hours?.text ?? false,
            "phone": merchant.phone ?? false,
            "partitaIVA": merchant.partitaIVA.value,
            "latitude": String(merchant.latitude),
            "longitude": String(merchant.longitude),
            "measures": measures,
            "mapURL": links.url(MerchantList(.map).path),
        ]
        return try render("merchant", base: base, ["merchant": context])
    }

    /// Open-data files of the merchants, relative to the portal root.
    public static let merchantCSVPath = "open-data/esercenti.csv"
    public static let merchantJSONPath = "open-data/esercenti.json"
    public static let merchantGeoJSONPath = "open-data/esercenti.geojson"

    /// The merchants as an RFC 7946 FeatureCollection: one Point feature per merchant, coordinates
    /// `[longitude, latitude]` (GeoJSON's order, not the CSV's), properties with the page's address.
    public func merchantGeoJSON() -> String {
        let features: [[String: Any]] = portal.merchants.map { merchant in
            [
                "type": "Feature",
                "geometry": ["type": "Point", "coordinates": [merchant.longitude, merchant.latitude]],
                "properties": merchantProperties(merchant),
            ]
        }
        return JSONLD.encode(["type": "FeatureCollection", "features": features]) + "\n"
    }

    /// The merchants as a JSON object `{"esercenti": [...]}`, the same fields as the GeoJSON's properties
    /// plus `lat` and `lon`.
    public func merchantJSON() -> String {
        let items: [[String: Any]] = portal.merchants.map { merchant in
            merchantProperties(merchant).merging(["lat": merchant.latitude, "lon": merchant.longitude]) { a, _ in a }
        }
        return JSONLD.encode(["esercenti": items]) + "\n"
    }

    private func merchantProperties(_ merchant: Merchant) -> [String: Any] {
        [
            "name": merchant.name, "partita_iva": merchant.partitaIVA.value, "category": merchant.category,
            "address": merchant.address, "hours": merchant.hours?.text ?? "", "phone": merchant.phone ?? "",
            "measures": merchant.measures, "path": merchant.url,
            "url": portal.config.baseURL + "/" + merchant.url,
        ]
    }
}

extension Portal {
    /// The title of the measure page `misure/<slug>.md`, or the slug when there is none.
    func measureTitle(_ slug: String) -> String { page(id: "misure/\(slug).md")?.title ?? slug }
}
