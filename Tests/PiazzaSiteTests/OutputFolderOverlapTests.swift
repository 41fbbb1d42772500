import Foundation
import Logging
import PiazzaContent
import PiazzaSite
import Testing

/// `piazza build --output content` swapped every portal's Markdown for the generated site: the folders a build
/// writes may not be, hold or lie inside the folders it reads, however the path is written.
@Suite("A build refuses an output or cache that overlaps the content or themes folder, touching nothing")
struct OutputFolderOverlapTests {
    @Test(
        "the output or cache as the content or themes folder, inside it, holding it, or through a symbolic link",
        arguments: [
            ("content", nil, "--output", "is the content folder"),
            ("content/", nil, "--output", "is the content folder"),
            ("content/../content", nil, "--output", "is the content folder"),
            ("link", nil, "--output", "is the content folder"),
            ("content/vigonza", nil, "--output", "is inside the content folder"),
            ("content/nuovo/site", nil, "--output", "is inside the content folder"),
            (".", nil, "--output", "holds the content folder"),
            ("themes", nil, "--output", "is the themes folder"),
            ("themes/default/site", nil, "--output", "is inside the theme folder"),
            ("site", "content/.cache", "--cache", "is inside the content folder"),
            ("site", "themes", "--cache", "is the themes folder"),
        ] as [(String, String?, String, String)])
    func refused(output: String, cache: String?, option: String, relation: String) throws {
        let tree = try TemporaryFolder("overlap")
        try FileManager.default.copyItem(at: Repository.content, to: tree.appending("content"))
        try FileManager.default.createDirectory(at: tree.appending("themes"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: tree.appending("themes/default"), withDestinationURL: Repository.theme)
        try FileManager.default.createSymbolicLink(
            at: tree.appending("link"), withDestinationURL: tree.appending("content"))
        let before = try tree.files(under: "content")
        var logger = Logger(label: "piazza-tests")
        logger.logLevel = .error
        let options = SiteBuilder.Options(
            content: tree.appending("content"), theme: tree.appending("themes/default"),
            output: tree.appending(output), now: bandiOpen, cache: cache.map(tree.appending))
        let error = #expect(throws: BuildError.self) { try SiteBuilder(options: options, logger: logger).build() }
        #expect(error?.code == .overlap && error?.kind == .usage)
        #expect(
            error?.message.hasPrefix(option + " ") == true && error?.message.contains(relation) == true,
            "\(error?.message ?? "")")
        // `site` beside the content folder, absolute since the tests run in another folder (findings-s13 #11).
        #expect(error?.message.hasSuffix("e.g. --output \(tree.appending("site").path)") == true)
        #expect(try tree.files(under: "content") == before)
        #expect(
            !tree.exists("content/vigonza/index.html") && !tree.exists(".piazza") && !tree.exists("content/.piazza"))
    }

    @Test(
        "the suggested output is site beside the content folder, as written from the current folder",
        arguments: [
            ("/work/fm", "/work/fm", "../site"), ("/work/fm", "/work", "site"),
            ("/work/fm", "/work/fm/vigonza", "../../site"),
            ("/work/fm", "/home/editor", "/work/site"),
        ])
    func suggestion(content: String, current: String, suggested: String) {
        let options = SiteBuilder.Options(
            content: URL(fileURLWithPath: content), theme: URL(fileURLWithPath: "/work/themes/default"),
            output: URL(fileURLWithPath: content + "/site"))
        #expect(options.suggestedOutput(from: URL(fileURLWithPath: current)) == suggested)
    }

    @Test("an output beside the content and themes folders builds")
    func beside() throws {
        let tree = try TemporaryFolder("overlap")
        try buildSite(into: tree.appending("site"), portals: ["vigonza"])
        #expect(tree.exists("site/vigonza/index.html"))
    }
}
