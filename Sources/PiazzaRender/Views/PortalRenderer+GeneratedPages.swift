import Foundation
import PiazzaContent

extension PortalRenderer {
    /// A page piazza generates at a path a content page could also take, with what it is made from.
    public struct GeneratedPage: Sendable, Hashable {
        /// Relative to the portal root (`servizi/argomento/anziani/`).
        public var path: String
        /// What the page is and which file it comes from, for the error that names both
        /// (`the catalogue page of Argomento: Anziani, from the services that carry it (vigonza/servizi/tutor.md:1)`).
        public var origin: String
    }

    /// The generated pages below content folders or at names a page could have: the catalogue's facet
    /// pages, the search page, the open-data page and the model's first-level and bookings pages. (Form,
    /// calendar and merchant pages are checked when the content loads.)
    public func generatedPages(_ catalogue: ServiceCatalogue) -> [GeneratedPage] {
        let facets = catalogue.filters.map { filter in
            let labels = filter.values.map { "\($0.facet.title): \(catalogue.label($0))" }.joined(separator: ", ")
            let first = catalogue.services[catalogue.serviceIndices(filter)[0]]
            return GeneratedPage(
                path: filter.path,
                origin: "the catalogue page of \(labels), made from the services that carry it (\(first.source):1)")
        }
        let name = portal.config.nameLocation
        let config = "\(name.file):\(name.line)"
        return facets + [
            GeneratedPage(path: Self.searchPath, origin: "the search page of every portal (\(config))"),
            GeneratedPage(path: Self.openDataPath, origin: "the open-data downloads page of every portal (\(config))"),
        ]
            + modelPages.map {
                GeneratedPage(
                    path: $0.path, origin: "the Designers Italia model's page '\($0.title)' of every portal (\(config))"
                )
            }
    }
}
