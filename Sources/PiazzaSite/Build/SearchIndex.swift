import Foundation
import PiazzaRender
import Subprocess
import SystemPackage

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

    /// What is kept of Pagefind's standard error for the build error: its messages are a few lines.
    static let messageLimit = 1 << 20

    /// Indexes the scratch folder of `output` and adds the index to it; returns the number of files.
    ///
    /// - Throws: ``BuildError`` `.search` when Pagefind cannot start or exits with an error (its own
    ///   message is included); `.output`/`.copy` when the index cannot be copied.
    func build(_ output: AtomicOutput) async throws(BuildError) -> Int {
        // The recycled scratch folder still holds pages this build did not write: they must not be indexed.
        output.removeUnwritten()
        let index = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-pagefind-\(UUID())")
        defer { TreeRemover.remove(index.path) }
        let files = try await self.index(output.scratch, portal: output.destination.lastPathComponent, into: index)
        for file in files {
            try output.copy(index.appendingPathComponent(file), to: PortalRenderer.searchIndexFolder + "/" + file)
        }
        return files.count
    }

    /// Runs Pagefind over the portal folder `site`, writing its index into the folder `index` without
    /// ``unusedBundles``; returns the index's files, relative to `index`.
    ///
    /// - Throws: ``BuildError`` `.search` when Pagefind cannot start or exits with an error (its own
    ///   message and `portal` are included).
    func index(_ site: URL, portal: String, into index: URL) async throws(BuildError) -> [String] {
        let result: ExecutionResult<Void, DiscardedOutput, StringOutput<UTF8>>
        do {
            result = try await run(
                .path(FilePath(program.path)),
                arguments: ["--site", site.path, "--output-path", index.path, "--quiet"],
                output: .discarded, error: .string(limit: Self.messageLimit))
        } catch {
            throw BuildError(
                .search, "cannot run \(program.path): \(error); pass another --pagefind or install pagefind-bin",
                cause: error)
        }
        guard result.terminationStatus.isSuccess else {
            let message = result.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            throw BuildError(
                .search, "\(program.path) \(Self.describe(result.terminationStatus)) indexing \(portal): \(message)")
        }
        var files: [String] = []
        for file in FileManager.default.enumerator(atPath: index.path)?.allObjects as? [String] ?? [] {
            let path = index.appendingPathComponent(file).path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            if Self.unusedBundles.contains((file as NSString).deletingPathExtension) {
                try? FileManager.default.removeItem(atPath: path)
            } else {
                files.append(file)
            }
        }
        return files
    }

    /// "exited with status 2", or "was stopped by signal 9" (`kill -l` names it).
    static func describe(_ status: TerminationStatus) -> String {
        switch status {
        case .exited(let code): "exited with status \(code)"
        case .signaled(let signal): "was stopped by signal \(signal)"
        }
    }
}
