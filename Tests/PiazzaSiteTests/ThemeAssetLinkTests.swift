import Foundation
import PiazzaRender
import Testing

/// A theme's `assets/` is copied into every site and served by the daemon at `/assets/…` and `/themes/…`, from the
/// one listing ``Theme/load(from:fallback:)`` makes: a symbolic link there must not carry a file from elsewhere.
@Suite("A symbolic link in a theme's assets out of the theme, to a folder or to nothing stops loading the theme")
struct ThemeAssetLinkTests {
    @Test(
        "each link is refused with its path, its target and the fix",
        arguments: [("chiave.txt", "/etc/passwd"), ("cartella", "/etc"), ("rotto.css", "/nessun/file.css")])
    func refused(name: String, target: String) throws {
        let folder = try ThemeTests.theme(["page": "{{title}}"])
        let assets = folder.url.appendingPathComponent("assets")
        try FileManager.default.createDirectory(at: assets, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: assets.appendingPathComponent(name).path, withDestinationPath: target)
        let error = #expect(throws: ThemeError.self) { try Theme.load(from: folder.url) }
        #expect(error?.code == .linkedAsset && error?.kind == .content)
        #expect(
            error?.message
                == "\(assets.appendingPathComponent(name).path): symbolic link to '\(target)', out of the theme folder, "
                + "to a folder or to nothing; put the file itself here (remove the link and copy the file), as piazza "
                + "never follows a link out of the theme")
    }

    @Test("a link to a file inside the theme is that file")
    func inside() throws {
        let folder = try ThemeTests.theme(["page": "{{title}}"])
        let assets = folder.url.appendingPathComponent("assets")
        try FileManager.default.createDirectory(at: assets, withIntermediateDirectories: true)
        try Data("body{}".utf8).write(to: assets.appendingPathComponent("a.css"))
        try FileManager.default.createSymbolicLink(
            atPath: assets.appendingPathComponent("b.css").path, withDestinationPath: "a.css")
        #expect(try Theme.load(from: folder.url).assets.map(\.path) == ["a.css", "b.css", "style.css"])
    }
}
