import Foundation
import Logging
import PiazzaContent
import PiazzaRender
import Synchronization
import Testing

@testable import PiazzaIntake

/// The XLSX working files that crashed exports of builds before 66210c2 left in a portal's folder, removed
/// when the daemon starts (``ExportWorkingFiles``).
@Suite("Stale export working files are removed at start")
struct ExportWorkingFilesTests {
    /// The messages logged, with their metadata, for the assertions.
    final class Lines: Sendable {
        let list = Mutex<[String]>([])
    }

    /// Logs into ``Lines``, one line a message: level, message, metadata sorted by key.
    struct Recorder: LogHandler {
        let lines: Lines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let pairs = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            lines.list.withLock { $0.append("\(event.level) \(event.message) \(pairs.joined(separator: " "))") }
        }
    }

    func write(_ names: [String], in folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in names { try Data("x".utf8).write(to: folder.appendingPathComponent(name)) }
    }

    @Test(
        "only the sheet and archive names an export gives are removed from the folder itself; look-alikes, folders and subfolders stay"
    )
    func removesOwnNames() throws {
        let fixture = try IntakeFixture()
        let folder = fixture.root.appendingPathComponent("scratch")
        let first = ExportWorkingFiles.fresh()
        let second = ExportWorkingFiles.fresh()
        let uuid = UUID().uuidString
        let others = [
            "piazza.sqlite", "export-\(uuid.lowercased()).xml", "export-notes.xml", "export-\(uuid).csv",
            "export-\(uuid).xlsx.bak", "old-export-\(uuid).xlsx", "export-\(uuid)",
        ]
        try write([first.sheet, first.archive, second.archive] + others, in: folder)
        // A folder under a working file's name, and a working file's name inside a subfolder.
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent(second.sheet), withIntermediateDirectories: true)
        try write([first.sheet], in: folder.appendingPathComponent("uploads"))
        let lines = Lines()
        let logger = Logger(label: "test") { _ in Recorder(lines: lines) }
        #expect(ExportWorkingFiles.removeStale(in: folder, portal: "prova", logger: logger) == 3)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == (others + [second.sheet, "uploads"]).sorted())
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("uploads").path) == [
                first.sheet
            ])
        #expect(lines.list.withLock { $0 } == ["notice stale export working files removed files=3 portal=prova"])
        // Nothing left: nothing removed, nothing logged.
        #expect(ExportWorkingFiles.removeStale(in: folder, portal: "prova", logger: logger) == 0)
        #expect(lines.list.withLock { $0.count } == 1)
    }

    @Test("the daemon, opening a portal's database, removes the working files a crash left in the portal's folder")
    func daemonStart() throws {
        let fixture = try IntakeFixture()
        let portalFolder = fixture.config.dataFolder.appendingPathComponent("prova")
        let stale = ExportWorkingFiles.fresh()
        try write([stale.sheet, stale.archive, "appunti.txt"], in: portalFolder)
        let lines = Lines()
        _ = try IntakeApp(
            config: fixture.config, content: try ContentTree.load(from: fixture.config.contentFolder),
            theme: try Theme.load(from: fixture.config.themeFolder),
            logger: Logger(label: "test") { _ in Recorder(lines: lines) },
            clock: { IntakeFixture.now })
        let left = try FileManager.default.contentsOfDirectory(atPath: portalFolder.path)
        #expect(!left.contains(stale.sheet) && !left.contains(stale.archive) && left.contains("appunti.txt"))
        #expect(left.contains("piazza.sqlite"))
        #expect(
            lines.list.withLock { $0 }.filter { $0.contains("export") } == [
                "notice stale export working files removed files=2 portal=prova"
            ])
    }
}
