import Foundation
import Synchronization

/// The dependency graph of one portal's incremental build: for each output the fingerprint of its
/// inputs now, compared with what the folders of earlier builds hold.
///
/// An output whose fingerprint equals the one recorded for the recycled scratch folder is already
/// there, byte for byte (output is deterministic); one whose fingerprint equals the live folder's is
/// copied from it; any other is rendered. Only what an edit reaches is rendered, and the folder swapped
/// in is the same as a clean build's.
final class OutputGraph: Sendable {
    let inputs: BuildInputs
    private let recycled: [String: String]
    private let live: [String: String]
    /// Why nothing can be reused (no earlier incremental build, a record from another piazza, a damaged
    /// record); `nil` when the build reuses what it can.
    let fullBuildReason: String?
    private let fingerprints = Mutex<[String: String]>([:])

    /// What happened to one output.
    enum Outcome {
        /// Already in the scratch folder.
        case kept
        /// Copied from the live folder.
        case copied
        /// Must be rendered.
        case render
    }

    init(output: AtomicOutput, inputs: BuildInputs) {
        self.inputs = inputs
        let live = BuildRecord.load(of: output.destination, portal: output.portal, cache: output.cache)
        var reasons: [String] = []
        func outputs(_ loaded: BuildRecord.Loaded) -> [String: String] {
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

    /// Records the output at `path` with its inputs and says whether it must be rendered; a kept or
    /// copied output is marked written in `output`.
    func place(_ path: String, from inputs: [BuildInput], in output: AtomicOutput) -> Outcome {
        let fingerprint = self.inputs.fingerprint(inputs)
        fingerprints.withLock { $0[path] = fingerprint }
        if recycled[path] == fingerprint {
            output.keep(path)
            return .kept
        }
        if live[path] == fingerprint, output.copyFromLive(path) { return .copied }
        return .render
    }

    /// Writes the record of the scratch folder once every output is in it.
    func save(_ output: AtomicOutput) throws(BuildError) {
        try BuildRecord(outputs: fingerprints.withLock { $0 }).save(
            of: output.scratch, portal: output.portal, cache: output.cache)
    }
}

/// The paths of the outputs a build rendered, from every thread that renders.
final class RenderedOutputs: Sendable {
    private let list = Mutex<[String]>([])

    func add(_ path: String) { list.withLock { $0.append(path) } }

    /// Sorted.
    var paths: [String] { list.withLock { $0 }.sorted() }
}
