import PiazzaContent
import PiazzaRender

/// The pages and files that help people and machines find what a portal offers: the search page, the
/// open-data downloads page and files, and the check that no content page takes a generated page's path.
extension PortalBuild {
    /// `cerca/`, `open-data/` with the services' CSV and JSON-LD (when there are services) and the
    /// DCAT-AP_IT catalogue.
    func discoveryOutputs() -> [GeneratedOutput] {
        let renderer = renderer
        var outputs: [GeneratedOutput] = [
            .init(path: PortalRenderer.searchPath + "index.html", inputs: OutputInputs.search) {
                try renderer.renderSearch()
            },
            .init(
                path: PortalRenderer.openDataPath + "index.html", inputs: OutputInputs.openData(template: "opendata")
            ) { try renderer.renderOpenData() },
            .init(path: PortalRenderer.catalogPath, inputs: OutputInputs.openData(template: nil)) {
                renderer.dcatCatalog()
            },
        ]
        // Without copying the services.
        if renderer.portal.pages.contains(where: { $0.type == .service && !$0.isSectionIndex }) {
            outputs += [
                .init(path: PortalRenderer.servicesCSVPath, inputs: OutputInputs.servicesData) {
                    renderer.servicesCSV()
                },
                .init(
                    path: PortalRenderer.servicesJSONLDPath, inputs: OutputInputs.servicesData,
                    pieces: { try renderer.servicesJSONLD(into: $0) }),
            ]
        }
        return outputs
    }

    /// A content page published where piazza generates a page (a facet page, `cerca/`, `open-data/`) would
    /// be overwritten without a word: each is an error at the page's first line naming the generated page
    /// and the file it comes from.
    func generatedPathClashes(_ catalogue: PortalRenderer.ServiceCatalogue) -> DiagnosticList {
        let generated = Dictionary(
            renderer.generatedPages(catalogue).map { ($0.path, $0.origin) }, uniquingKeysWith: { first, _ in first })
        var diagnostics = DiagnosticList()
        for page in renderer.portal.pages {
            guard let origin = generated[page.url] else { continue }
            diagnostics.error(
                page.source, 1, 1,
                "this page is published at '\(page.url)', where piazza generates \(origin); rename or move the page")
        }
        return diagnostics
    }
}
