import Foundation
import PiazzaContent
import PiazzaSite
import Testing

/// A symbolic link in `static/` was followed out of the content tree: the build published `/etc/passwd` and the
/// daemon's secret key, world-readable. Every file of a portal or `_shared/` is listed in one place, which now
/// refuses a link that leaves the content folder, points to a folder or points nowhere.
@Suite("A symbolic link out of the content folder, to a folder or to nothing stops check and build at the link")
struct SymbolicLinkContentTests {
    @Test("static files, pages, forms, esercenti.csv and _shared: each link is an error naming its target and the fix")
    func outside() throws {
        let content = try copyOfDemoContent()
        let outside = try TemporaryFolder("outside")
        try outside.write("secret", "chiave segreta del daemon\n")
        try outside.write("pagina.md", "---\ntitle: Fuori\n---\n\nTesto.\n")
        let links = [
            ("vigonza/static/leak.txt", "/etc/passwd"), ("vigonza/static/s.bin", outside.appending("secret").path),
            ("vigonza/static/etcdir", "/etc"), ("vigonza/servizi/fuori.md", outside.appending("pagina.md").path),
            ("_shared/forms/fuori.yaml", outside.appending("secret").path),
            ("vigonza/esercenti.csv", outside.appending("secret").path),
            ("_shared/static/chiave.bin", outside.appending("secret").path),
            ("conegliano/static/rotto.pdf", content.appending("nessuno.pdf").path),
            ("vigonza/static/cartella", content.appending("vigonza/servizi").path),
        ]
        try FileManager.default.removeItem(at: content.appending("vigonza/esercenti.csv"))
        for (path, target) in links {
            try FileManager.default.createSymbolicLink(
                atPath: content.appending(path).path, withDestinationPath: target)
        }
        let (checked, built) = try {
            let both = try ContentFaultBuildTests().bothFail(content); return (both[0], both[1])
        }()
        #expect(checked == built)
        for (path, target) in links {
            let line = checked.first { $0.hasPrefix(path + ":") }
            #expect(line?.contains("error: symbolic link to ") == true, "\(path): \(checked)")
            #expect(line?.contains("'\(target)'") == true, "\(path): \(line ?? "")")
        }
        let fix =
            "put the file itself here (remove the link and copy the file), as piazza never follows a link out of the content folder"
        #expect(
            checked.first { $0.hasPrefix("vigonza/static/leak.txt:") }?.hasSuffix(
                "outside the content folder: it would publish that file; " + fix) == true)
        #expect(
            checked.first { $0.hasPrefix("conegliano/static/rotto.pdf:") }?.contains("which does not exist; " + fix)
                == true)
    }

    @Test("a link to a file inside the content folder is that file")
    func inside() throws {
        let content = try copyOfDemoContent()
        try FileManager.default.createSymbolicLink(
            atPath: content.appending("vigonza/static/stesso-logo.svg").path,
            withDestinationPath: "../../_shared/static/"
                + (try FileManager.default.contentsOfDirectory(atPath: content.appending("_shared/static").path)
                    .sorted().first!))
        let site = try TemporaryFolder()
        try buildSite(content: content.url, into: site.url, portals: ["vigonza"])
        #expect(site.exists("vigonza/static/stesso-logo.svg"))
    }
}
