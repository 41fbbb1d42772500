import ArgumentParser
import Foundation

/// `--pagefind`, for the commands that write a site and so build its search index (`build`, `serve`);
/// `piazza check` writes nothing and does not take it.
struct SearchOptions: ParsableArguments {
    @Option(
        help:
            "The Pagefind program that builds each portal's search index (default: pagefind on PATH; without it the search page shows the catalogue only)."
    )
    var pagefind: String?

    func validate() throws {
        if let pagefind, !FileManager.default.isExecutableFile(atPath: pagefind) {
            throw ValidationError(
                "--pagefind \(pagefind): no such program; install pagefind-bin (make venv) or fix the path")
        }
    }

    /// `--pagefind`, else the first `pagefind` on PATH, else `nil`.
    var pagefindURL: URL? {
        if let pagefind { return URL(fileURLWithPath: pagefind) }
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return folders.map { URL(fileURLWithPath: String($0)).appendingPathComponent("pagefind") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
