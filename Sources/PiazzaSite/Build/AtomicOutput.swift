import Foundation

/// A portal's output written into a scratch folder next to its final place, then swapped in,
/// so a failed build leaves the previous `site/<portal>/` untouched.
struct AtomicOutput {
    /// The final folder (`site/vigonza`).
    let destination: URL
    /// Where files are written during the build.
    let scratch: URL

    init(destination: URL) throws(BuildError) {
        self.destination = destination
        let parent = destination.deletingLastPathComponent()
        scratch = parent.appendingPathComponent(".piazza-build-\(destination.lastPathComponent)-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            throw BuildError(.output, "cannot create \(scratch.path); check that the output folder is writable", cause: error)
        }
    }

    /// Writes `data` at a path relative to the portal output, creating folders.
    func write(_ data: Data, to path: String) throws(BuildError) {
        let url = scratch.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw BuildError(.output, "cannot write \(url.path)", cause: error)
        }
    }

    /// Copies a file byte for byte.
    func copy(_ source: URL, to path: String) throws(BuildError) {
        let url = scratch.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: url)
        } catch {
            throw BuildError(.copy, "cannot copy \(source.path) to \(url.path)", cause: error)
        }
    }

    /// Replaces the destination with the scratch folder: two renames, the old copy removed last.
    func commit() throws(BuildError) {
        let fileManager = FileManager.default
        let old = destination.deletingLastPathComponent()
            .appendingPathComponent(".piazza-old-\(destination.lastPathComponent)-\(UUID().uuidString)")
        do {
            if fileManager.fileExists(atPath: destination.path) { try fileManager.moveItem(at: destination, to: old) }
            try fileManager.moveItem(at: scratch, to: destination)
        } catch {
            throw BuildError(.output, "cannot move the new build into \(destination.path)", cause: error)
        }
        TreeRemover.remove(old.path)
    }

    /// Removes the scratch folder after a failed build.
    func discard() { TreeRemover.remove(scratch.path) }
}
