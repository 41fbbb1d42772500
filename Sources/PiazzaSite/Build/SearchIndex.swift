import Foundation
import PiazzaRender

/// Runs Pagefind (https://pagefind.app, PyPI `pagefind-bin`) over a portal's finished build, before it is
/// swapped in: the index is copied into `pagefind/` of the portal and goes live with the pages it
/// describes. Pagefind indexes the `<main>` of the pages marked `data-pagefind-body` (services, measures,
/// news, merchants); `cerca/` reads the index in the browser.
struct SearchIndex {
    /// The `pagefind` executable.
    let program: URL

    /// Pagefind's ready-made search interfaces, left out of the site: `cerca/` has its own, in Italian and
    /// in the portal's theme (`assets/search.js`), and their stylesheets fail the CSS checker.
    static let unusedBundles: Set = [
        "pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui", "pagefind-highlight",
    ]

    /// Indexes the scratch folder of `output` and adds the index to it; returns the number of files.
    ///
    /// - Throws: ``BuildError`` `.search` when Pagefind cannot start or exits with an error (its own
    ///   message is included); `.output`/`.copy` when the index cannot be copied.
    func build(_ output: AtomicOutput) throws(BuildError) -> Int {
        // The recycled scratch folder still holds pages this build did not write: they must not be indexed.
        TreeRemover.prune(output.scratch.path, keeping: output.writtenPaths)
        let index = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-pagefind-\(UUID())")
        defer { TreeRemover.remove(index.path) }
        let process = Process()
        process.executableURL = program
        process.arguments = ["--site", output.scratch.path, "--output-path", index.path, "--quiet"]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw BuildError(
                .search, "cannot run \(program.path): \(error); pass another --pagefind or install pagefind-bin",
                cause: error)
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BuildError(
                .search,
                "\(program.path) exited with status \(process.terminationStatus) indexing \(output.destination.lastPathComponent): \(message.trimmingCharacters(in: .whitespacesAndNewlines))"
            )
        }
        let files = (FileManager.default.enumerator(atPath: index.path)?.allObjects as? [String] ?? []).filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: index.appendingPathComponent($0).path, isDirectory: &isDirectory)
                && !isDirectory.boolValue && !Self.unusedBundles.contains(($0 as NSString).deletingPathExtension)
        }
        for file in files {
            try output.copy(index.appendingPathComponent(file), to: PortalRenderer.searchIndexFolder + "/" + file)
        }
        return files.count
    }
}
