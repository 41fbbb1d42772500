import Foundation
import PiazzaSite
import Testing

/// `piazza build` with a search index, a shell script standing in for Pagefind.
@Suite("Pagefind indexes each portal before the swap")
struct SearchIndexTests {
    /// Writes an executable `pagefind` script into `folder` and returns its location.
    static func pagefind(_ body: String, in folder: TemporaryFolder) throws -> URL {
        try folder.write("pagefind", "#!/bin/sh\n" + body + "\n")
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755], ofItemAtPath: folder.appending("pagefind").path)
        return folder.appending("pagefind")
    }

    /// Builds the demo portal `vigonza` into `site` with `pagefind`.
    static func build(into site: TemporaryFolder, pagefind: URL) async throws -> SiteBuilder.Report {
        let options = SiteBuilder.Options(
            content: Repository.content, theme: Repository.theme, output: site.url, portals: ["vigonza"],
            now: bandiOpen)
        return try await SiteBuilder(options: options, logger: .init(label: "piazza-tests")).build(
            searchIndex: pagefind)
    }

    @Test("the index Pagefind writes is published in pagefind/, without the bundles the site does not use")
    func published() async throws {
        let (site, tools) = (try TemporaryFolder(), try TemporaryFolder("tools"))
        // Called as: pagefind --site <scratch> --output-path <index> --quiet
        let pagefind = try Self.pagefind(
            #"mkdir -p "$4/fragment" && echo js > "$4/pagefind.js" && echo ui > "$4/pagefind-ui.js" && echo f > "$4/fragment/a.pf_fragment""#,
            in: tools)
        let report = try await Self.build(into: site, pagefind: pagefind)
        #expect(report.searchIndexed)
        #expect(try site.read("vigonza/pagefind/pagefind.js") == "js\n")
        #expect(try site.read("vigonza/pagefind/fragment/a.pf_fragment") == "f\n")
        #expect(!site.exists("vigonza/pagefind/pagefind-ui.js"))
    }

    @Test("a failing Pagefind stops the build with its status and message, before anything is swapped in")
    func failure() async throws {
        let (site, tools) = (try TemporaryFolder(), try TemporaryFolder("tools"))
        let pagefind = try Self.pagefind("echo 'Error: nothing to index' >&2; exit 3", in: tools)
        let error = await #expect(throws: BuildError.self) { try await Self.build(into: site, pagefind: pagefind) }
        #expect(error?.code == .search)
        #expect(error?.message == "\(pagefind.path) exited with status 3 indexing vigonza: Error: nothing to index")
        #expect(!site.exists("vigonza"))
    }

    @Test("a Pagefind that cannot start is a search error naming the program and the fix")
    func missing() async throws {
        let (site, tools) = (try TemporaryFolder(), try TemporaryFolder("tools"))
        let pagefind = tools.appending("pagefind")
        let error = await #expect(throws: BuildError.self) { try await Self.build(into: site, pagefind: pagefind) }
        #expect(error?.code == .search)
        #expect(
            error?.message.hasPrefix("cannot run \(pagefind.path): ") == true
                && error?.message.hasSuffix("; pass another --pagefind or install pagefind-bin") == true,
            "\(String(describing: error))")
        #expect(!site.exists("vigonza"))
    }
}
