import Foundation
import Logging

/// The names of an XLSX export's working files in a portal's folder (``PortalDatabase/scratchFolder``):
/// `export-<UUID>.xml` (the sheet) and `export-<UUID>.xlsx` (the archive), the UUID in its canonical
/// upper-case form, the one rule that names them (``XLSXTable``) and recognises them
/// (``removeStale(in:portal:logger:)``).
///
/// Since 66210c2 the files lose their name as soon as they are open, so nothing is left when an export
/// dies; builds before it removed them only at the end of an export, and a crash or a kill mid-export
/// left them in the folder for good, each up to about four times the size of the CSV.
enum ExportWorkingFiles {
    /// A new export's sheet and archive names, sharing one fresh UUID.
    static func fresh() -> (sheet: String, archive: String) {
        let name = prefix + UUID().uuidString
        return (name + sheetSuffix, name + archiveSuffix)
    }

    /// Whether `name` is one of the names ``fresh()`` gives, and no other: a file the daemon named itself.
    static func isWorkingFile(_ name: String) -> Bool {
        guard name.hasPrefix(prefix) else { return false }
        for suffix in [sheetSuffix, archiveSuffix] where name.hasSuffix(suffix) {
            let uuid = name.dropFirst(prefix.count).dropLast(suffix.count)
            return UUID(uuidString: String(uuid))?.uuidString == String(uuid)
        }
        return false
    }

    /// Removes the working files that exports of earlier runs left in `folder` (its own entries only, not
    /// its subfolders), logging how many were removed when there were any (the portal's id and the count,
    /// nothing of their content). The daemon calls it at start, before it serves any export. An export
    /// running then in another process (`piazza report`) has its files without a name but for the moment
    /// between creating and opening each; a removal in that moment makes that export fail with an error,
    /// never write a wrong file.
    ///
    /// - Returns: how many files were removed; a folder that cannot be read removes none.
    @discardableResult
    static func removeStale(in folder: URL, portal: String, logger: Logger) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        // unlink removes a file or a link, never a folder, whatever a crash left under such a name.
        let removed = names.filter(isWorkingFile).filter { unlink(folder.appendingPathComponent($0).path) == 0 }.count
        if removed > 0 {
            logger.notice(
                "stale export working files removed", metadata: ["portal": "\(portal)", "files": "\(removed)"])
        }
        return removed
    }

    private static let prefix = "export-"
    private static let sheetSuffix = ".xml"
    private static let archiveSuffix = ".xlsx"
}
