import Foundation
import PiazzaContent
import PiazzaSite

extension SiteBuilder {
    /// What the preview serves after a build of this builder's portals threw `error`: the failure its
    /// overlay shows and, when every error of `error` is in the own files of some of those portals, a
    /// build of the others, which ``PreviewServer`` serves as usual while only the broken portals' pages
    /// (and the network home, which lists them) show the overlay (``PreviewFailure/portals``).
    ///
    /// A build fails whole (``SiteBuilder/build(searchIndex:)``): without this, one typo in a portal's page
    /// hid every portal of the preview behind the overlay, and kept `piazza serve` from starting at all.
    /// An error in `_shared/`, in a theme or outside any content file concerns every portal: no build then.
    ///
    /// - Parameter pagefind: what indexes the other portals (``SiteBuilder/build(searchIndex:)``).
    /// - Returns: the failure, with ``PreviewFailure/portals`` and ``PreviewFailure/spared`` set when it is
    ///   confined to some portals, and the report of the build of the others (`nil` when there are none);
    ///   when that build fails too, its failure, concerning every portal.
    func sparing(_ error: any Error, searchIndex pagefind: URL?) async -> (failure: PreviewFailure, report: Report?) {
        let failure = PreviewFailure(error)
        guard let content = error as? ContentError, !failure.isFileChangedDuringRun else { return (failure, nil) }
        let selected = options.portals.isEmpty ? ContentTree.portalIDs(in: options.content) : options.portals
        var broken: Set<String> = []
        for diagnostic in content.diagnostics where diagnostic.severity == .error {
            guard let portal = diagnostic.file.split(separator: "/").first.map(String.init), selected.contains(portal)
            else { return (failure, nil) }
            broken.insert(portal)
        }
        var confined = failure
        confined.portals = broken.sorted()
        confined.spared = selected.filter { !broken.contains($0) }
        guard !confined.spared.isEmpty else { return (confined, nil) }
        var others = options
        others.portals = confined.spared
        do {
            return (confined, try await SiteBuilder(options: others, logger: logger).build(searchIndex: pagefind))
        } catch {
            return (PreviewFailure(error), nil)
        }
    }
}
