import Foundation
import PiazzaContent
import Testing

@testable import PiazzaSite

@Suite("Earlier builds are kept outside the published folder")
struct BuildCacheTests {
    /// `root/site` with its default cache `root/.piazza/site`.
    struct Output {
        let root: TemporaryFolder
        var site: URL { root.appending("site") }
        var cache: BuildCache { BuildCache(output: site) }

        init() throws { root = try TemporaryFolder("output") }

        func listing(_ path: String) throws -> [String] { try root.listing(path) }
        func files(_ path: String) throws -> [String: Data] { try root.files(under: path) }
    }

    /// The files of one portal's folder in a listing of the whole output, paths relative to the portal.
    static func files(of portal: String, in site: [String: Data]) -> [String: Data] {
        site.reduce(into: [:]) { result, file in
            if file.key.hasPrefix(portal + "/") { result[String(file.key.dropFirst(portal.count + 1))] = file.value }
        }
    }

    @Test("after two builds site/ holds only the live build; the previous one is in .piazza/site/")
    func twoBuilds() throws {
        let content = try copyOfDemoContent()
        let output = try Output()
        try buildSite(content: content.url, into: output.site)
        let first = try output.files("site/vigonza")
        try content.write("vigonza/notizie/nuova.md", "---\ntitle: Nuova\ndate: 2026-11-21\n---\n\nTesto.\n")
        try buildSite(content: content.url, into: output.site)
        #expect(try output.listing("site") == ["conegliano", "index.html", "vigonza"])
        #expect(try output.listing("") == [".piazza", "site"])
        #expect(try output.listing(".piazza/site") == ["conegliano", "lock", "vigonza"])
        #expect(try output.listing(".piazza/site/vigonza") == ["previous"])
        #expect(try output.files(".piazza/site/vigonza/previous") == first)
        #expect(try output.root.exists("site/vigonza/notizie/nuova/index.html"))
    }

    @Test("a build removes the previous builds earlier versions kept inside site/")
    func legacyFolders() throws {
        let output = try Output()
        try buildSite(into: output.site, portals: ["vigonza"])
        try output.root.write("site/.piazza-previous-vigonza/privato.html", "dati personali")
        try output.root.write("site/.piazza-build-vigonza-1234/index.html", "metà")
        try output.root.write("site/.index-1234.html", "metà")
        try buildSite(into: output.site, portals: ["vigonza"])
        #expect(try output.listing("site") == ["vigonza"])
    }

    @Test("a crash mid-build leaves the last good site, and the next build recycles what it wrote")
    func crash() throws {
        let output = try Output()
        let content = try copyOfDemoContent()
        try buildSite(content: content.url, into: output.site, portals: ["vigonza"])
        try buildSite(content: content.url, into: output.site, portals: ["vigonza"])
        let live = try output.files("site")
        // What a process killed in the middle of rendering leaves: a scratch folder half written, no commit.
        let interrupted = try AtomicOutput(portal: "vigonza", cache: output.cache)
        try interrupted.write(Array("<p>metà</p>".utf8), to: "index.html")
        try interrupted.write(Array("<p>metà</p>".utf8), to: "notizie/solo-qui/index.html")
        #expect(try output.files("site") == live)
        #expect(try output.listing("site") == ["vigonza"])

        try content.write("vigonza/notizie/nuova.md", "---\ntitle: Nuova\ndate: 2026-11-21\n---\n\nTesto.\n")
        try buildSite(content: content.url, into: output.site, portals: ["vigonza"])
        let fresh = try TemporaryFolder()
        try buildSite(content: content.url, into: fresh.url, portals: ["vigonza"])
        #expect(try output.files("site") == fresh.files())
        #expect(try output.listing(".piazza/site/vigonza") == ["previous", "spare"])
        #expect(try output.files(".piazza/site/vigonza/previous") == Self.files(of: "vigonza", in: live))
    }

    @Test("rollback puts the previous build back, and a second rollback undoes it")
    func rollback() throws {
        let content = try copyOfDemoContent()
        let output = try Output()
        try buildSite(content: content.url, into: output.site)
        let first = try output.files("site")
        try content.write(
            "vigonza/notizie/errore.md", "---\ntitle: Pubblicata per errore\ndate: 2026-11-21\n---\n\nDati.\n")
        try buildSite(content: content.url, into: output.site)
        let second = try output.files("site")
        #expect(second["vigonza/notizie/errore/index.html"] != nil)

        #expect(try output.cache.rollBack(portals: ["vigonza"]) == ["vigonza"])
        let rolled = try output.files("site")
        #expect(rolled["vigonza/notizie/errore/index.html"] == nil)
        #expect(Self.files(of: "vigonza", in: rolled) == Self.files(of: "vigonza", in: first))
        #expect(Self.files(of: "conegliano", in: rolled) == Self.files(of: "conegliano", in: second))
        #expect(try output.listing("site") == ["conegliano", "index.html", "vigonza"])

        #expect(try output.cache.rollBack(portals: []) == ["conegliano", "vigonza"])
        #expect(try output.files("site/vigonza") == Self.files(of: "vigonza", in: second))
    }

    @Test("rollback without an earlier build says so and changes nothing")
    func nothingToRollBack() throws {
        let output = try Output()
        try buildSite(into: output.site)
        let before = try output.files("site")
        let error = #expect(throws: BuildError.self) { try output.cache.rollBack(portals: ["vigonza"]) }
        #expect(error?.code == .noPreviousBuild)
        #expect(error?.kind == .usage)
        #expect(
            error?.message
                == "portal 'vigonza' has no previous build in \(output.cache.folder.path); a rollback needs two builds into \(output.site.path)"
        )
        #expect(try output.files("site") == before)
    }

    @Test("a cache inside the output is refused, since the output is published whole")
    func cacheInsideOutput() throws {
        let output = try Output()
        var options = SiteBuilder.Options(
            content: Repository.content, theme: Repository.theme, output: output.site, portals: ["vigonza"],
            now: bandiOpen)
        options.cache = output.site.appendingPathComponent(".cache")
        let error = #expect(throws: BuildError.self) {
            try SiteBuilder(options: options, logger: .init(label: "piazza-tests")).build()
        }
        #expect(error?.code == .output)
        #expect(error?.message.contains("is inside the output") == true)
    }

    @Test("a second build into the same output while one runs is refused")
    func busy() throws {
        let output = try Output()
        try FileManager.default.createDirectory(at: output.site, withIntermediateDirectories: true)
        let held = try output.cache.lock()
        defer { held.release() }
        let error = #expect(throws: BuildError.self) { try buildSite(into: output.site, portals: ["vigonza"]) }
        #expect(error?.code == .busy)
        #expect(!output.root.exists("site/vigonza"))
    }

    /// The flaky «another piazza build … holds …/cache/lock» between two builds of one test: a child process
    /// forked by another test holds a copy of the lock's descriptor until its `exec`. A `dup` of the descriptor
    /// is that copy, without timing.
    @Test("a released lock is free again while a copy of its descriptor is still open elsewhere")
    func releasedWhileCopied() throws {
        let output = try Output()
        let lock = try output.cache.lock()
        let path = output.cache.folder.appendingPathComponent("lock").resolvingSymlinksInPath().path
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap(Int32.init)
        let original = try #require(
            descriptors.first {
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")) == path
            })
        let copy = dup(original)
        #expect(copy >= 0)
        defer { close(copy) }
        lock.release()
        let again = try output.cache.lock()
        again.release()
    }
}
