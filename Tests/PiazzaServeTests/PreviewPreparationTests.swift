import Foundation
import Logging
import PiazzaSite
import Testing

@testable import PiazzaServe

@Suite("piazza serve starts with earlier builds to recycle")
struct PreviewPreparationTests {
    @Test("after the first build each portal has a previous and a spare build, holding what the live one holds")
    func foldersPrepared() async throws {
        let folder = try ScratchFolder()
        let content = try folder.demoContent()
        var site = SiteBuilder.Options(
            content: content, theme: SearchRefreshTests.repository.appendingPathComponent("themes/default"),
            output: folder.url.appendingPathComponent("site"), portals: ["conegliano"])
        site.incremental = true
        let preview = Preview(
            site: site, pagefind: nil, port: 18_437, intakePort: 18_438, logger: Logger(label: "piazza-tests"))
        defer { try? FileManager.default.removeItem(at: preview.scratch) }
        let built = try await preview.build(watcher: SourceWatcher(roots: [content], inotify: false))
        // The first build rendered everything; the two after it rendered nothing.
        #expect(built.report?.portals.first?.rendered.contains("index.html") == true)
        let cache = try #require(preview.site.cache).appendingPathComponent("conegliano")
        let live = try Self.files(in: preview.site.output.appendingPathComponent("conegliano"))
        #expect(!live.isEmpty)
        for kept in ["previous", "spare"] {
            #expect(try Self.files(in: cache.appendingPathComponent(kept)) == live, "\(kept)")
        }
    }

    /// Every regular file below `folder` with its bytes, by relative path.
    static func files(in folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
        while let path = enumerator.nextObject() as? String {
            let file = folder.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: file)
            }
        }
        return files
    }
}

extension ScratchFolder {
    /// A copy of the repository's demo content in `content/`; its URL.
    func demoContent() throws -> URL {
        let content = url.appendingPathComponent("content")
        try FileManager.default.copyItem(
            at: SearchRefreshTests.repository.appendingPathComponent("content"), to: content)
        return content
    }
}
