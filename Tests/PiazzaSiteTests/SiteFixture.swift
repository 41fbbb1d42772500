import Foundation
import Logging
import PiazzaContent
import PiazzaRender
import PiazzaSite
import Testing

/// Paths of the repository this test file lives in.
enum Repository {
    /// `/…/piazza`, from `Tests/PiazzaSiteTests/SiteFixture.swift`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The demo content tree (`content/`).
    static let content = root.appendingPathComponent("content")
    /// The real theme (`themes/default`).
    static let theme = root.appendingPathComponent("themes/default")
}

/// A moment in Europe/Rome, `YYYY-MM-DD HH:MM`.
func rome(_ text: String) -> Date {
    ContentDateTime(text)!.instant
}

/// A fixed build time with every demo bando open (Misure 1–4 run from 2 November to 31 December 2026).
let bandiOpen = rome("2026-11-25 10:00")
/// A fixed build time after every demo bando closed.
let bandiClosed = rome("2027-01-15 10:00")

/// A fresh temporary folder, removed when the value goes away.
final class TemporaryFolder {
    let url: URL

    init(_ label: String = "site") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Removes the folder and the build cache a build into it made (``BuildCache/defaultFolder(for:)``).
    deinit {
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.removeItem(at: BuildCache.defaultFolder(for: url))
    }

    func appending(_ path: String) -> URL { url.appendingPathComponent(path) }

    /// Writes a text file, creating folders.
    func write(_ path: String, _ text: String) throws {
        let file = appending(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    /// Reads a text file.
    func read(_ path: String) throws -> String {
        try String(contentsOf: appending(path), encoding: .utf8)
    }

    /// Whether a file or folder exists.
    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: appending(path).path) }

    /// Every regular file below the folder, relative paths sorted, with their bytes.
    func files(under path: String = "") throws -> [String: Data] {
        let base = path.isEmpty ? url : appending(path)
        var result: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: base.path))
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let file = base.appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = try Data(contentsOf: file)
            }
        }
        return result
    }

    /// Names directly in the folder, sorted (hidden ones included).
    func listing(_ path: String = "") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path.isEmpty ? url.path : appending(path).path).sorted()
    }
}

/// A copy of the demo content in a temporary folder, to change files without touching `content/`.
func copyOfDemoContent() throws -> TemporaryFolder {
    let folder = try TemporaryFolder("content")
    try FileManager.default.removeItem(at: folder.url)
    try FileManager.default.copyItem(at: Repository.content, to: folder.url)
    return folder
}

/// Builds `content` with the real theme into `output`.
@discardableResult
func buildSite(
    content: URL = Repository.content, into output: URL, portals: [String] = [], now: Date = bandiOpen,
    intakeURL: String? = nil
) throws -> SiteBuilder.Report {
    var logger = Logger(label: "piazza-tests")
    logger.logLevel = .error
    let options = SiteBuilder.Options(
        content: content, theme: Repository.theme, output: output, portals: portals, now: now, intakeURL: intakeURL)
    return try SiteBuilder(options: options, logger: logger).build()
}

/// Builds the demo content's `vigonza` portal and returns the output folder.
func builtVigonza(now: Date = bandiOpen) throws -> TemporaryFolder {
    let site = try TemporaryFolder()
    try buildSite(into: site.url, portals: ["vigonza"], now: now)
    return site
}

extension String {
    /// Offsets of every occurrence of `needle`, in order.
    func ranges(of needle: String) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        var start = startIndex
        while let range = self.range(of: needle, range: start..<endIndex) {
            found.append(range)
            start = range.upperBound
        }
        return found
    }

    /// The texts between `open` and `close`, for every occurrence.
    func captures(between open: String, and close: String) -> [String] {
        ranges(of: open).compactMap { opening in
            guard let closing = self.range(of: close, range: opening.upperBound..<endIndex) else { return nil }
            return String(self[opening.upperBound..<closing.lowerBound])
        }
    }
}
