import Foundation
import PiazzaRender
import Synchronization

/// The dependency graph of one portal's incremental build: for each output the fingerprint of its
/// inputs now, compared with what the folders of earlier builds hold.
///
/// An output whose fingerprint equals the one recorded for the recycled scratch folder is already
/// there, byte for byte (output is deterministic); one whose fingerprint equals the live folder's is
/// copied from it; any other is rendered. A page's fingerprint also covers where its links lead now
/// (the links recorded with it), so adding or removing a page renders the pages linking to it. Only what an edit reaches is rendered, and the folder swapped
/// in is the same as a clean build's.
final class OutputGraph: Sendable {
    let inputs: BuildInputs
    private let recycled: [String: BuildRecord.Entry]
    private let live: [String: BuildRecord.Entry]
    private let memory: RebuildMemory?
    /// Why nothing can be reused (no earlier incremental build, a record from another piazza, a damaged
    /// record); `nil` when the build reuses what it can.
    let fullBuildReason: String?
    private let entries = Mutex<[String: BuildRecord.Entry]>([:])

    /// What happened to one output.
    enum Outcome {
        /// Already in the scratch folder.
        case kept
        /// Copied from the live folder.
        case copied
        /// Must be rendered.
        case render
    }

    /// - Parameter memory: the records of earlier builds of this process (`piazza serve`).
    init(output: AtomicOutput, inputs: BuildInputs, memory: RebuildMemory? = nil) {
        self.inputs = inputs
        self.memory = memory
        let live = BuildRecord.load(of: output.destination, portal: output.portal, cache: output.cache, memory: memory)
        var reasons: [String] = []
        func outputs(_ loaded: BuildRecord.Loaded) -> [String: BuildRecord.Entry] {
            switch loaded {
            case .found(let record): return record.outputs
            case .missing: return [:]
            case .unusable(let reason):
                reasons.append(reason)
                return [:]
            }
        }
        recycled = outputs(output.recycled)
        self.live = outputs(live)
        if recycled.isEmpty && self.live.isEmpty {
            fullBuildReason =
                reasons.first
                ?? "no earlier incremental build of \(output.portal) in \(output.cache.folder.path)"
        } else {
            fullBuildReason = nil
        }
    }

    /// Says whether the output at `path`, made from `inputs` (and, for page `pageID`, from where its links
    /// lead), must be rendered; a kept or copied output is recorded and marked written in `output`.
    func place(_ path: String, from inputs: [BuildInput], page pageID: String?, in output: AtomicOutput) -> Outcome {
        func unchanged(_ entry: BuildRecord.Entry?) -> BuildRecord.Entry? {
            guard let entry, entry.fingerprint == self.inputs.fingerprint(inputs, links: entry.links, from: pageID)
            else { return nil }
            return entry
        }
        if let entry = unchanged(recycled[path]) {
            entries.withLock { $0[path] = entry }
            output.keep(path)
            return .kept
        }
        if let entry = unchanged(live[path]), output.copyFromLive(path) {
            entries.withLock { $0[path] = entry }
            return .copied
        }
        return .render
    }

    /// The service catalogue of `renderer`'s portal: with a memory, the one of an earlier build while the
    /// services' front matter is the same (the catalogue is made of what lists show of them, see
    /// ``BuildInput/pages(_:)``).
    func catalogue(of renderer: PortalRenderer) -> PortalRenderer.ServiceCatalogue {
        guard let memory else { return renderer.serviceCatalogue() }
        return memory.catalogue(of: renderer.portal.id, services: inputs.digest(of: .pages(.service))) {
            renderer.serviceCatalogue()
        }
    }

    /// Records an output just rendered from `inputs` and, for page `pageID`, the links it holds.
    func rendered(_ path: String, from inputs: [BuildInput], links: [String], page pageID: String?) {
        let entry = BuildRecord.Entry(
            fingerprint: self.inputs.fingerprint(inputs, links: links, from: pageID), links: links)
        entries.withLock { $0[path] = entry }
    }

    /// Writes the record of the scratch folder once every output is in it, and removes the records of
    /// folders that are gone.
    func save(_ output: AtomicOutput) throws(BuildError) {
        try BuildRecord(outputs: entries.withLock { $0 }).save(
            of: output.scratch, portal: output.portal, cache: output.cache, memory: memory)
        BuildRecord.removeStale(portal: output.portal, cache: output.cache)
    }
}

/// The paths of the outputs a build rendered, from every thread that renders.
final class RenderedOutputs: Sendable {
    private let list = Mutex<[String]>([])

    func add(_ path: String) { list.withLock { $0.append(path) } }

    /// Sorted.
    var paths: [String] { list.withLock { $0 }.sorted() }
}
