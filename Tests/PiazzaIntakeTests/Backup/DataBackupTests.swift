import Foundation
import GRDB
import PiazzaContent
import Synchronization
import Testing

@testable import PiazzaIntake

/// `DataBackup` on a real data folder: a portal database on disk written to while the backup runs.
@Suite("Backup of a daemon's data")
final class DataBackupTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-backup-\(UUID().uuidString)")
    var data: URL { root.appendingPathComponent("data") }
    /// 1 December 2026, 09:30 UTC.
    static let date = Date(timeIntervalSince1970: 1_796_117_400)

    deinit { try? FileManager.default.removeItem(at: root) }

    func backup(served: [String] = ["prova"]) -> DataBackup {
        DataBackup(dataFolder: data, served: served, secretFile: data.appendingPathComponent("secret"))
    }

    /// The writer's count of applications stored, and the flag that stops it.
    final class Progress: Sendable {
        let stored = Atomic(20)
        let stop = Atomic(false)
    }

    /// Stores application `index` of the test, with an upload whose bytes name it.
    static func store(_ index: Int, in database: PortalDatabase) async throws {
        let bytes = Data("%PDF-1.4 domanda \(index)\n".utf8)
        let file = UploadedFile(filename: "isee.pdf", detectedType: "application/pdf", size: bytes.count, sha256: "ab")
        _ = try await database.storeApplication(
            PortalDatabaseTests.draft(
                key: "k\(index)", uploads: [ApplicationDraft.Upload(field: "documento", file: file, bytes: bytes)]))
    }

    /// Rows of `file` as `id|number|token`, in id order.
    static func applications(_ file: URL) throws -> [String] {
        let queue = try DatabaseQueue(path: file.path)
        defer { try? queue.close() }
        return try queue.read { db in
            try String.fetchAll(db, sql: "SELECT id || '|' || number || '|' || token FROM applications ORDER BY id")
        }
    }

    @Test(
        "a backup taken while a writer keeps storing applications is one instant: integrity ok, the live database's first N applications, their uploads"
    )
    func whileWriting() async throws {
        let database = try PortalDatabase(portalID: "prova", dataFolder: data)
        for index in 0..<20 { try await Self.store(index, in: database) }
        let progress = Progress()
        let writer = Task {
            var index = 20
            while !progress.stop.load(ordering: .relaxed) {
                try await DataBackupTests.store(index, in: database)
                index += 1
                progress.stored.store(index, ordering: .relaxed)
            }
        }
        let (job, date) = (backup(), Self.date)
        let report = try await Task.detached { try job.write(portals: [], at: date) }.value
        // The writer goes on until it has stored at least one application after the backup.
        let after = progress.stored.load(ordering: .relaxed)
        while progress.stored.load(ordering: .relaxed) <= after { try await Task.sleep(for: .milliseconds(5)) }
        progress.stop.store(true, ordering: .relaxed)
        try await writer.value
        try await database.close()

        let folder = root.appendingPathComponent("data/backups/piazza-20261201T093000Z")
        #expect(report.folder.path == folder.path)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("backups").path) == [
                folder.lastPathComponent
            ])
        let copy = folder.appendingPathComponent("prova/piazza.sqlite")
        let (integrity, files) = try Self.check(copy)
        #expect(integrity == ["ok"])

        let backedUp = try Self.applications(copy)
        let live = try Self.applications(data.appendingPathComponent("prova/piazza.sqlite"))
        #expect(backedUp.count >= 20 && backedUp.count < live.count, "\(backedUp.count) of \(live.count)")
        #expect(backedUp == Array(live.prefix(backedUp.count)))
        #expect(files.count == backedUp.count)
        let uploads = folder.appendingPathComponent("prova/uploads")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: uploads.path)) == Set(files))
        for name in files {
            let original = data.appendingPathComponent("prova/uploads/\(name)")
            #expect(try Data(contentsOf: uploads.appendingPathComponent(name)) == Data(contentsOf: original))
        }
        #expect(
            report.items.map(\.description).prefix(2) == [
                "prova/piazza.sqlite: \(try Self.size(copy)) bytes, PRAGMA integrity_check ok",
                "prova/uploads/: \(files.count) files, \(try Self.size(files, in: uploads)) bytes (hard links)",
            ])
    }

    /// `PRAGMA integrity_check` of `file` and the upload names it lists, in id order.
    static func check(_ file: URL) throws -> (integrity: [String], files: [String]) {
        let queue = try DatabaseQueue(path: file.path)
        defer { try? queue.close() }
        return try queue.read { db in
            (
                try String.fetchAll(db, sql: "PRAGMA integrity_check"),
                try String.fetchAll(db, sql: "SELECT stored_name FROM files ORDER BY id")
            )
        }
    }

    static func size(_ file: URL) throws -> Int64 {
        (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as! NSNumber).int64Value
    }

    static func size(_ names: [String], in folder: URL) throws -> Int64 {
        try names.reduce(0) { $0 + (try size(folder.appendingPathComponent($1))) }
    }

    @Test("a backup of every portal has the accounts and the secret; one of --portal has that portal only")
    func layout() async throws {
        try await PortalDatabase(portalID: "prova", dataFolder: data).close()
        try AccountsDatabase(dataFolder: data).writer.close()
        _ = try SecretKey.load(from: data.appendingPathComponent("secret"))
        let parent = root.appendingPathComponent("copie")

        let full = try backup().write(portals: [], into: parent, at: Self.date)
        let all = parent.appendingPathComponent("piazza-20261201T093000Z")
        #expect(try Self.listing(all) == ["prova/", "prova/piazza.sqlite", "prova/uploads/", "secret", "users.sqlite"])
        #expect(full.items.map(\.description).last == "secret: copied, mode 0600")
        #expect(
            try Data(contentsOf: all.appendingPathComponent("secret"))
                == Data(contentsOf: data.appendingPathComponent("secret")))
        for file in ["secret", "users.sqlite", "prova/piazza.sqlite"] {
            let mode = try FileManager.default.attributesOfItem(atPath: all.appendingPathComponent(file).path)[
                .posixPermissions]
            #expect((mode as? NSNumber)?.intValue == 0o600, "\(file)")
        }
        #expect(!FileManager.default.fileExists(atPath: all.appendingPathComponent("users.sqlite-wal").path))

        _ = try backup().write(portals: ["prova"], into: parent, at: Self.date)
        let one = parent.appendingPathComponent("piazza-20261201T093000Z-prova")
        #expect(try Self.listing(one) == ["prova/", "prova/piazza.sqlite", "prova/uploads/"])
    }

    /// Every path under `folder`, folders with a trailing slash, sorted.
    static func listing(_ folder: URL) throws -> [String] {
        let paths = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
        return paths.map { path in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder)
            return isFolder.boolValue ? path + "/" : path
        }.sorted()
    }

    @Test(
        "a portal not served, a portal without a database, a folder taken: an error naming the fix, nothing left behind"
    )
    func refusals() async throws {
        try await PortalDatabase(portalID: "prova", dataFolder: data).close()
        let parent = root.appendingPathComponent("copie")
        let backup = backup(served: ["prova", "nuovo"])
        func failure(_ portals: [String]) -> MaintenanceError? {
            do {
                _ = try backup.write(portals: portals, into: parent, at: Self.date)
                return nil
            } catch {
                return error as? MaintenanceError
            }
        }
        let unknown = failure(["altro"])
        #expect(unknown?.code == .unknownPortal && unknown?.kind == .usage)
        #expect(unknown?.message == "--portal altro: the daemon does not serve it; use one of: prova, nuovo")
        let missing = failure(["nuovo"])
        #expect(
            missing?.code == .missingDatabase && missing?.message.hasPrefix("no database for portal nuovo at ") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == [])

        // Every portal: the one without a database is skipped with a warning.
        let report = try backup.write(portals: [], into: parent, at: Self.date)
        #expect(report.warnings.first?.hasPrefix("nuovo: skipped, no database for portal nuovo at ") == true)
        let taken = failure([])
        #expect(taken?.code == .destination && taken?.message.contains("exists already") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["piazza-20261201T093000Z"])
    }

    @Test(
        "a backup deletes the older backups of the same portals beyond the --keep latest; other portals' backups, other files and --keep 0 leave them"
    )
    func rotation() async throws {
        try await PortalDatabase(portalID: "prova", dataFolder: data).close()
        let parent = root.appendingPathComponent("copie")
        let day: TimeInterval = 24 * 60 * 60
        var written: [String] = []
        for night in 0..<4 {
            let report = try backup().write(portals: [], into: parent, at: Self.date + Double(night) * day, keep: 0)
            written.append(report.folder.lastPathComponent)
        }
        _ = try backup().write(portals: ["prova"], into: parent, at: Self.date)
        try FileManager.default.createDirectory(
            at: parent.appendingPathComponent("piazza-mia-copia"), withIntermediateDirectories: false)
        #expect(written.first == "piazza-20261201T093000Z" && written.last == "piazza-20261204T093000Z")

        let report = try backup().write(portals: [], into: parent, at: Self.date + 4 * day, keep: 2)
        #expect(report.removed.map(\.lastPathComponent) == Array(written.prefix(3)))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted() == [
                "piazza-20261201T093000Z-prova", "piazza-20261204T093000Z", "piazza-20261205T093000Z",
                "piazza-mia-copia",
            ])
    }

    @Test(
        "an upload gone since the database's copy is counted as deleted by retention, or listed as missing while still referenced"
    )
    func goneUploads() throws {
        let source = root.appendingPathComponent("uploads")
        let target = root.appendingPathComponent("copy")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let (kept, removed, lost) = (RandomToken.make(), RandomToken.make(), RandomToken.make())
        try Data("abc".utf8).write(to: source.appendingPathComponent(kept))
        let outcome = try UploadCopy.write([kept, removed, lost], from: source, to: target) { $0 == lost }
        #expect(outcome == UploadCopy.Outcome(files: 1, bytes: 3, linked: 1, removedSince: 1, missing: [lost]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == [kept])
    }
}
