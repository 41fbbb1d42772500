/// Splits a Markdown file into its YAML front matter and body, keeping line numbers.
struct FrontMatter {
    /// The YAML between the `---` lines.
    var yaml: String
    /// The Markdown after the closing `---`.
    var body: String
    /// 1-based line in the file where `body` starts.
    var bodyLine: Int

    /// Splits `text`; `nil` when the file does not start with a `---` line or never closes it.
    init?(splitting text: String) {
        let lines = text.lines()
        guard let first = lines.first, first.trimmingTrailingCR() == "---" else { return nil }
        guard let end = lines.indices.dropFirst().first(where: { lines[$0].trimmingTrailingCR() == "---" }) else {
            return nil
        }
        yaml = lines[1..<end].joined(separator: "\n")
        body = lines[(end + 1)...].joined(separator: "\n")
        bodyLine = end + 2
    }
}

extension Substring {
    fileprivate func trimmingTrailingCR() -> Substring {
        var line = self
        while line.last == "\r" || line.last == " " { line = line.dropLast() }
        return line
    }
}
