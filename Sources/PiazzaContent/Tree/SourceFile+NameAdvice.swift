import Foundation

extension SourceFile {
    /// The error for this file when its name breaks ``hasValidName``, with the fix that applies to it.
    ///
    /// A page, form, calendar or list (`.md`, `.markdown`, `.yaml`, `.yml`, `.csv` in any case) is told the
    /// rule of names and the name to give it (``validName(for:suffix:)``). Any other file (a photo, a PDF, a `.docx` saved beside the page) is no
    /// content at all: renaming cannot help, so it is told where such files go and how a page links them — the portal's
    /// `static/`, `_shared/static/` for a file of `_shared/` or of a top-level folder that is no portal
    /// (`inPortal` false: it has no `portal.yaml`). Editors' backup files never get here (``EditorScratch``).
    func nameProblem(inPortal: Bool) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let folder = source.split(separator: "/").first.map(String.init) ?? source
        let suffix = name.split(separator: ".", omittingEmptySubsequences: false).dropFirst().last?.lowercased()
        if let suffix, Self.contentSuffixes.contains(suffix) {
            return
                "file name '\(path)' must use only lower-case a-z, 0-9 and - (and end in .md or .yaml); rename it to '\(Self.validName(for: path, suffix: suffix))'"
        }
        let staticFolder = inPortal && folder != "_shared" ? folder + "/static/" : "_shared/static/"
        let whose = staticFolder.hasPrefix("_shared/") ? " (every portal's files)" : ""
        return
            "'\(path)' is not a page: only pages (.md), forms and calendars (.yaml) and lists (.csv) are read here; move images and documents to \(staticFolder)\(whose) and link them from a page as '/static/\(name)'"
    }

    /// `path` (a content file's, with `suffix` in lower case) renamed by the rule of names: each folder and the
    /// name without its suffix as a slug (``Slug/make(_:fallback:)``: `Festa del Volontariato (copia)` →
    /// `festa-del-volontariato-copia`), `_index` kept, and the suffix piazza reads (`.markdown` → `.md`, `.yml` →
    /// `.yaml`).
    static func validName(for path: String, suffix: String) -> String {
        let parts = path.split(separator: "/").map(String.init)
        let name = parts.last ?? path
        let stem = String(name.dropLast(suffix.count + 1))
        let fixedSuffix = ["markdown": "md", "yml": "yaml"][suffix] ?? suffix
        let fixedStem = stem.caseAndDiacriticFolded == "_index" ? "_index" : Slug.make(stem, fallback: "pagina")
        return (parts.dropLast().map { Slug.make($0, fallback: "cartella") } + [fixedStem + "." + fixedSuffix])
            .joined(separator: "/")
    }

    /// The content file suffixes an editor may write, in lower case.
    private static let contentSuffixes: Set = ["md", "markdown", "yaml", "yml", "csv"]
}
