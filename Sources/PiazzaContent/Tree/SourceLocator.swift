import Foundation

/// Finds where a key is written in a source file, to place diagnostics found after loading.
enum SourceLocator {
    /// The 1-based line of the first `key:` in the file, or 1 when it is not there.
    static func line(ofKey key: String, in url: URL) -> Int {
        guard let data = FileManager.default.contents(atPath: url.path),
            let text = try? SourceText.decode(data, file: url.path)
        else { return 1 }
        for (index, line) in text.lines().enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "-" }
            if trimmed.hasPrefix(key + ":") { return index + 1 }
        }
        return 1
    }
}
