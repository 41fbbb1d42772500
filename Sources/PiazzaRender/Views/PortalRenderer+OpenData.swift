import Foundation
import PiazzaContent

/// The portal's open data under `open-data/` (research/domain.md §4.2): the services catalogue as CSV and
/// as CPSV-AP JSON-LD, the merchants (CSV, JSON, GeoJSON, written by the merchant pages), a DCAT-AP_IT
/// catalogue describing every file, and the page that lists the downloads. Licence CC-BY 4.0 (C.SI.3.4).
extension PortalRenderer {
    /// One dataset of the portal and the files it is published as.
    public struct OpenDataset: Sendable {
        /// One file of a dataset.
        public struct Distribution: Sendable {
            /// Relative to the portal root (`open-data/servizi.csv`).
            public var path: String
            /// The EU file-type code (`CSV`, `JSON`, `GEOJSON`, `JSON_LD`), also shown on the downloads page.
            public var format: String
            /// The IANA media type.
            public var mediaType: String
        }

        /// The dataset's id in the portal (`servizi`); its DCAT identifier is `<ipa_code>:<id>`.
        public var id: String
        /// Which of the portal's datasets it is, as far as its date goes.
        public var kind: Portal.OpenDataKind
        public var title: String
        /// Plain text (DCAT-AP_IT: no HTML).
        public var description: String
        /// The day its content last changed, as the content says (``PiazzaContent/Portal/openDataDate(of:)``),
        /// else the build's day in Rome.
        public var modified: ContentDate
        public var distributions: [Distribution]
    }

    /// The downloads page.
    public static let openDataPath = "open-data/"
    public static let servicesCSVPath = "open-data/servizi.csv"
    public static let servicesJSONLDPath = "open-data/servizi.jsonld"
    /// The DCAT-AP_IT catalogue of the portal's datasets, JSON-LD.
    public static let catalogPath = "open-data/catalogo-dcat-ap-it.jsonld"

    /// The licence of every dataset.
    static let licenceURL = "https://creativecommons.org/licenses/by/4.0/"
    static let licenceName = "Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)"

    /// The portal's datasets: services when there are any, merchants when there are any.
    public var openDatasets: [OpenDataset] {
        let names = config.comuni.map { "Comune di \($0.name)" }.joined(separator: ", ")
        var datasets: [OpenDataset] = []
        let services = portal.pages(ofType: .service)
        if !services.isEmpty {
            datasets.append(
                OpenDataset(
                    id: "servizi", kind: .services, title: "Catalogo dei servizi – \(config.name)",
                    description:
                        "I servizi alla persona del portale \(config.name) (\(names)): categoria, argomenti, destinatari, costo, ente erogatore, canali, stato e tempo massimo di risposta.",
                    modified: openDataDate(of: .services),
                    distributions: [
                        .init(path: Self.servicesCSVPath, format: "CSV", mediaType: "text/csv"),
                        .init(path: Self.servicesJSONLDPath, format: "JSON_LD", mediaType: "application/ld+json"),
                    ]))
        }
        if !portal.merchants.isEmpty {
            datasets.append(
                OpenDataset(
                    id: "esercenti", kind: .merchants, title: "Esercenti convenzionati – \(config.name)",
                    description:
                        "I negozi dove si usano le misure di sostegno (buoni spesa, OCDPC 658/2020) di \(names): indirizzo, coordinate, orari e misure accettate.",
                    modified: openDataDate(of: .merchants),
                    distributions: [
                        .init(path: Self.merchantCSVPath, format: "CSV", mediaType: "text/csv"),
                        .init(path: Self.merchantJSONPath, format: "JSON", mediaType: "application/json"),
                        .init(path: Self.merchantGeoJSONPath, format: "GEOJSON", mediaType: "application/geo+json"),
                    ]))
        }
        return datasets
    }

    private var config: PortalConfig { portal.config }

    /// A dataset's date by ``PiazzaContent/Portal/openDataDate(of:)``; the build's day in Rome when the
    /// content writes no `updated:` (the only case where the same content gives another catalogue on
    /// another day).
    private func openDataDate(of dataset: Portal.OpenDataKind) -> ContentDate {
        portal.openDataDate(of: dataset) ?? ContentDateTime.romeDay(of: now)
    }

    /// The build's day in Rome when a dataset of ``openDatasets`` shows it, the content writing no
    /// `updated:` for it (``PiazzaContent/Portal/openDataDate(of:)``); `nil` when every date comes from the
    /// content. Only then do the catalogue and the downloads page change from one day to the next.
    public var openDataBuildDay: ContentDate? {
        guard openDatasets.contains(where: { portal.openDataDate(of: $0.kind) == nil }) else { return nil }
        return ContentDateTime.romeDay(of: now)
    }

    /// A service's id in the open data: its page path without `.md` (`servizi/tutor`).
    private func serviceID(_ page: Page) -> String { String(page.id.dropLast(".md".count)) }

    /// The columns of `servizi.csv`.
    static let serviceColumns = [
        "id", "titolo", "descrizione", "categoria", "argomenti", "destinatari", "costo", "erogatore",
        "nome_erogatore", "canali", "stato", "tempo_massimo_risposta_giorni", "url",
    ]

    /// The services as ``OpenDataCSV``, one row per service page in list order; lists (topics, audience,
    /// channels) separated by `;`, values as the facet slugs.
    public func servicesCSV() -> String {
        let rows = portal.pages(ofType: .service).map { page -> [String] in
            let service = page.service!
            return [
                serviceID(page), page.title, page.description ?? "", service.category,
                service.topics.joined(separator: ";"), service.audience.map(\.rawValue).joined(separator: ";"),
                service.price.rawValue, service.provider.rawValue, service.providerName ?? "",
                service.channels.map(\.rawValue).joined(separator: ";"), service.status.rawValue,
                String(service.maxResponseDays), config.baseURL + "/" + page.url,
            ]
        }
        return OpenDataCSV.text([Self.serviceColumns] + rows, numberColumns: ["tempo_massimo_risposta_giorni"])
    }

    /// The services as JSON-LD with the Core Public Service Vocabulary (CPSV-AP, the base of the Italian
    /// profile CPSV-AP_IT): `cpsv:PublicService` with identifier, title, description, keywords, the comune
    /// as competent authority, channels and processing time; UTF-8.
    ///
    /// Written service by service: the `@context`, then each service's object made, encoded, appended and let
    /// go, then the end, the bytes ``JSONLD/encode(_:)`` gives for the whole document (keys in order:
    /// `@context` before `@graph`), handed to `append` in pieces of about `pieceSize` bytes, in order,
    /// for the build to write each to the file and let it go. Made as one value, every service's dictionary,
    /// then the encoded text, then its copy as bytes, the open data of each 5,000-service portal of the 50k
    /// bench tree held 27 MB at once for a 4.7 MB file; as one array of bytes, 8 MB (its growth), the largest
    /// single block of the build's heap peak (heaptrack of a 50k build, 2026-12-01).
    ///
    /// - Parameters:
    ///   - pieceSize: the bytes a piece reaches before it is handed on (it ends with the service that reached it).
    ///   - append: takes each piece; what it throws ends the writing and is rethrown.
    public func servicesJSONLD(pieceSize: Int = openDataPiece, into append: ([UInt8]) throws -> Void) rethrows {
        let authority: [String: Any] = [
            "@type": "cv:PublicOrganisation",
            "skos:prefLabel": config.comuni.map { "Comune di \($0.name)" }
                .joined(separator: ", "),
            "cv:spatial": config.comuni.map { "https://www.istat.it/codici/comuni/\($0.istat)" },
        ]
        let context: [String: Any] = [
            "cpsv": "http://purl.org/vocab/cpsv#", "cv": "http://data.europa.eu/m8g/",
            "dct": "http://purl.org/dc/terms/", "dcat": "http://www.w3.org/ns/dcat#",
            "adms": "http://www.w3.org/ns/adms#", "foaf": "http://xmlns.com/foaf/0.1/",
            "skos": "http://www.w3.org/2004/02/skos/core#", "xsd": "http://www.w3.org/2001/XMLSchema#",
        ]
        var bytes = Array("{\"@context\":\(JSONLD.encode(context)),\"@graph\":[".utf8)
        bytes.reserveCapacity(pieceSize + 4096)
        for (index, page) in portal.pages(ofType: .service).enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += JSONLD.encode(publicService(page, authority: authority)).utf8
            if bytes.count >= pieceSize {
                try append(bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        bytes += "]}\n".utf8
        try append(bytes)
    }

    /// The size a piece of ``servicesJSONLD(pieceSize:into:)`` reaches before it is handed on: one `write(2)`
    /// each, few enough for the 4.7 MB of a 5,000-service portal (73 writes), small beside the build's heap.
    public static let openDataPiece = 64 * 1024

    /// One service page as a `cpsv:PublicService` of ``servicesJSONLD(pieceSize:into:)``.
    private func publicService(_ page: Page, authority: [String: Any]) -> [String: Any] {
        let service = page.service!
        let url = config.baseURL + "/" + page.url
        var object: [String: Any] = [
            "@id": url,
            "@type": "cpsv:PublicService",
            "dct:identifier": serviceID(page),
            "dct:title": ["@language": "it", "@value": page.title],
            "dcat:keyword": [service.category] + service.topics,
            "cv:hasCompetentAuthority": authority,
            "cv:hasChannel": service.channels.map { ["@type": "cv:Channel", "dct:type": $0.label] },
            "cv:processingTime": ["@type": "xsd:duration", "@value": "P\(service.maxResponseDays)D"],
            "cv:isGroupedBy": service.audience.map(\.label),
            "adms:status": service.status.rawValue,
            "foaf:page": url,
        ]
        if let description = page.description {
            object["dct:description"] = ["@language": "it", "@value": description]
        }
        if service.provider != .comune {
            object["cv:hasParticipation"] = [
                "@type": "cv:Participation", "cv:role": "erogatore",
                "dct:description": service.providerName ?? service.provider.label,
            ]
        }
        return object
    }

    /// The DCAT-AP_IT catalogue (JSON-LD) of ``openDatasets``: each dataset with its mandatory elements
    /// (identifier, title, plain-text description, modified, theme SOCI, rights holder, frequency,
    /// distributions) and each distribution with format, URLs and the CC-BY 4.0 licence. The publisher and
    /// rights holder is the portal's comune with `ipa_code` from portal.yaml when given.
    public func dcatCatalog() -> String {
        // Read once: each reading sorts the services and reads their dates.
        let openDatasets = self.openDatasets
        let eu = "http://publications.europa.eu/resource/authority/"
        var agent: [String: Any] = [
            "@type": ["dcatapit:Agent", "foaf:Agent"],
            "foaf:name": config.comuni.map { "Comune di \($0.name)" }.joined(separator: ", "),
        ]
        if let ipa = config.ipaCode { agent["dct:identifier"] = ipa }
        let licence: [String: Any] = [
            "@id": Self.licenceURL, "@type": "dcatapit:LicenseDocument",
            "dct:type": ["@id": "http://purl.org/adms/licencetype/Attribution"], "foaf:name": "CC BY 4.0",
        ]
        let datasets: [Any] = openDatasets.map { dataset in
            [
                "@id": config.baseURL + "/" + Self.openDataPath + "#" + dataset.id,
                "@type": ["dcatapit:Dataset", "dcat:Dataset"],
                "dct:identifier": (config.ipaCode ?? portal.id) + ":" + dataset.id,
                "dct:title": dataset.title,
                "dct:description": dataset.description,
                "dct:modified": ["@type": "xsd:date", "@value": dataset.modified.iso],
                "dcat:theme": ["@id": eu + "data-theme/SOCI"],
                "dct:rightsHolder": agent,
                "dct:publisher": agent,
                "dct:accrualPeriodicity": ["@id": eu + "frequency/IRREG"],
                "dct:language": ["@id": eu + "language/ITA"],
                "dcat:landingPage": ["@id": config.baseURL + "/" + Self.openDataPath],
                "dcat:distribution": dataset.distributions.map { file in
                    let url = config.baseURL + "/" + file.path
                    return [
                        "@id": url, "@type": ["dcatapit:Distribution", "dcat:Distribution"],
                        "dct:title": "\(dataset.title) (\(file.format))",
                        "dct:format": ["@id": eu + "file-type/" + file.format],
                        "dcat:mediaType": file.mediaType,
                        "dcat:accessURL": ["@id": url], "dcat:downloadURL": ["@id": url],
                        "dct:license": licence,
                    ] as [String: Any]
                },
            ] as [String: Any]
        }
        let catalog: [String: Any] = [
            "@context": [
                "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                "dcatapit": "http://dati.gov.it/onto/dcatapit#", "foaf": "http://xmlns.com/foaf/0.1/",
                "xsd": "http://www.w3.org/2001/XMLSchema#",
            ],
            "@id": config.baseURL + "/" + Self.catalogPath,
            "@type": ["dcatapit:Catalog", "dcat:Catalog"],
            "dct:title": "Open data – \(config.name)",
            "dct:description": config.description,
            "dct:publisher": agent,
            "dct:language": ["@id": eu + "language/ITA"],
            "foaf:homepage": ["@id": config.baseURL + "/"],
            "dct:modified": [
                "@type": "xsd:date", "@value": openDatasets.map(\.modified).max()?.iso ?? "1970-01-01",
            ],
            "dcat:dataset": datasets,
        ]
        return JSONLD.encode(catalog) + "\n"
    }

    /// The downloads page: every dataset with its files, format, licence and update date, and the catalogue.
    public func renderOpenData() throws(ThemeError) -> String {
        let links = PageLinks.relative(to: Self.openDataPath)
        let base = baseContext(
            title: "Open data", description: "I dati aperti del portale \(config.name), liberamente riutilizzabili.",
            links: links, layout: "opendata", breadcrumb: [("Home", "")], section: "")
        let datasets: [[String: Any]] = openDatasets.map { dataset in
            [
                "id": "dataset-" + dataset.id, "title": dataset.title, "description": dataset.description,
                "modifiedText": dataset.modified.longItalian, "modifiedISO": dataset.modified.iso,
                "files": dataset.distributions.map { file in
                    [
                        "url": links.url(file.path), "name": String(file.path.split(separator: "/").last!),
                        "format": file.format.replacingOccurrences(of: "_", with: "-"),
                    ]
                },
            ]
        }
        let context: [String: Any] = [
            "datasets": datasets, "licenceURL": Self.licenceURL, "licenceName": Self.licenceName,
            "catalogURL": links.url(Self.catalogPath),
        ]
        return try render("opendata", base: base, ["openData": context])
    }
}
