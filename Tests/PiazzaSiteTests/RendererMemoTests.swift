import Foundation
import PiazzaContent
import Testing

@testable import PiazzaRender

/// What a renderer works out from its portal once: the portal of a renderer never changes.
@Suite("A renderer makes the service catalogue once")
struct RendererMemoTests {
    @Test("the catalogue is kept after the first call, shared by the renderer's copies, and equal to a fresh one")
    func catalogueOnce() throws {
        let portal = try #require(
            try ContentTree.load(from: Repository.content, portals: ["vigonza"]).portal("vigonza"))
        let renderer = PortalRenderer(portal: portal, theme: try Theme.load(from: Repository.theme))
        let copy = renderer
        #expect(renderer.memo.catalogue.withLock { $0 } == nil)
        let first = renderer.serviceCatalogue()
        #expect(copy.memo.catalogue.withLock { $0 }?.filters == first.filters)
        let fresh = PortalRenderer.ServiceCatalogue(services: portal.pages(ofType: .service))
        #expect(first.filters == fresh.filters && !first.filters.isEmpty)
        #expect(first.services.map(\.id) == fresh.services.map(\.id))
        #expect(first.filters.allSatisfy { first.serviceIndices($0) == fresh.serviceIndices($0) })
    }
}
