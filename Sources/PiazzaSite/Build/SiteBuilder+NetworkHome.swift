import Foundation
import PiazzaContent

extension SiteBuilder {
    /// The portals the network home (`site/index.html`) lists after a build that rendered `built` (their
    /// ``Portal/networkSummary``), sorted by id as a build of every portal lists them: those, and every other
    /// portal of the content that is live in the output (its folder is there).
    ///
    /// A build of some portals only (`piazza build --portal P`, each rebuild of `piazza serve` scoped to one
    /// portal) renders the network home again all the same, since it shows each portal's name and its
    /// measures open now: a bando closed or a measure renamed in one portal must not stay on it. A portal not
    /// built is taken as the preview's memory keeps it from its last build (``Options/memory``), else as its
    /// content says now (loaded, not rendered; one whose `portal.yaml` does not load is left out).
    func networkHomePortals(built: [Portal]) -> [Portal] {
        guard !options.portals.isEmpty else { return built }
        let builtIDs = Set(built.map(\.id))
        let others = ContentTree.portalIDs(in: options.content).filter { id in
            var isFolder: ObjCBool = false
            return !builtIDs.contains(id)
                && FileManager.default.fileExists(
                    atPath: options.output.appendingPathComponent(id).path, isDirectory: &isFolder)
                && isFolder.boolValue
        }
        var portals = built
        var unknown: [String] = []
        for id in others {
            if let kept = options.memory?.built(id)?.renderer.portal {
                portals.append(kept.networkSummary)
            } else {
                unknown.append(id)
            }
        }
        if !unknown.isEmpty {
            let reader = ContentReader(
                from: options.content, portals: unknown, parseCache: options.memory?.parses ?? options.parseCache)
            for id in reader.portalIDs {
                guard let portal = reader.load(id).portal else { continue }
                portals.append((options.intakeURL.map(portal.replacingIntakeURL) ?? portal).networkSummary)
            }
        }
        return portals.sorted { $0.id < $1.id }
    }
}
