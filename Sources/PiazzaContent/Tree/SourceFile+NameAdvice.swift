import Foundation

extension SourceFile {
    /// The error for this file when its name breaks ``hasValidName``, with the fix that applies to it.
    ///
    /// A page, form, calendar or list (`.md`, `.markdown`, `.yaml`, `.yml`, `.csv` in any case) is told the
    /// rule of names and to rename it. Any other file (a photo, a PDF, a `.docx` saved beside the page) is no
    /// content at all: renaming cannot help, so it is told where such files go and how a page links them — the portal's
    /// `static/`, `_shared/static/` for a file of `_shared/` or of a top-level folder that is no portal
    /// (`inPortal` false: it has no `portal.yaml`). Editors' backup files never get here (``EditorScratch``).
    func nameProblem(inPortal: Bool) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let folder = source.split(separator: "/").first.map(String.init) ?? source
        let suffix = name.split(separator: ".", omittingEmptySubsequences: false).dropFirst().last?.lowercased()
        if let suffix, Self.contentSuffixes.contains(suffix) {
            return "file name '\(path)' must use only lower-case a-z, 0-9 and - (and end in .md or .yaml); rename it"
        }
        let staticFolder = inPortal && folder != "_shared" ? folder + "/static/" : "_shared/static/"
        let whose = staticFolder.hasPrefix("_shared/") ? " (every portal's files)" : ""
        return
            "'\(path)' is not a page: only pages (.md), forms and calendars (.yaml) and lists (.csv) are read here; move images and documents to \(staticFolder)\(whose) and link them from a page as '/static/\(name)'"
    }

    /// The content file suffixes an editor may write, in lower case.
    private static let contentSuffixes: Set = ["md", "markdown", "yaml", "yml", "csv"]
}
