import Foundation
import GRDB
import PiazzaContent
import Testing

@testable import PiazzaIntake

/// A restore from `piazza backup` never gives a numero pratica again (findings-s12 #12), following
/// docs/DAEMON.md's restore steps with the real `cp`.
@Suite("Numeri pratica after a restore")
final class RestoreNumbersTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-restore-\(UUID().uuidString)")
    var data: URL { root.appendingPathComponent("data") }
    var portal: URL { data.appendingPathComponent("prova") }

    deinit { try? FileManager.default.removeItem(at: root) }

    func store(_ keys: ClosedRange<Int>, in database: PortalDatabase) async throws -> [String] {
        var numbers: [String] = []
        for index in keys {
            let bytes = Data("%PDF-1.4 domanda \(index)\n".utf8)
            let file = UploadedFile(
                filename: "isee.pdf", detectedType: "application/pdf", size: bytes.count, sha256: "ab")
            numbers.append(
                try await database.storeApplication(
                    PortalDatabaseTests.draft(
                        key: "k\(index)",
                        uploads: [ApplicationDraft.Upload(field: "documento", file: file, bytes: bytes)])
                ).number)
        }
        return numbers
    }

    /// docs/DAEMON.md, *Backup and restore*, step 2, with the daemon stopped.
    func restore(_ backup: URL) throws {
        for side in ["piazza.sqlite-wal", "piazza.sqlite-shm"] {
            try? FileManager.default.removeItem(at: portal.appendingPathComponent(side))
        }
        try run("/bin/cp", ["-a", backup.appendingPathComponent("prova/piazza.sqlite").path, portal.path])
        try run(
            "/bin/cp",
            [
                "-a", "-n", backup.appendingPathComponent("prova/uploads").path + "/.",
                portal.appendingPathComponent("uploads").path,
            ])
    }

    func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(tool) \(arguments)")
    }

    @Test(
        "restored as documented, the daemon numbers after every number it reserved: no receipt's number is given again; a restart alone leaves no gap"
    )
    func restoreSkipsIssuedNumbers() async throws {
        var database = try PortalDatabase(portalID: "prova", dataFolder: data)
        #expect(try await store(1...2, in: database) == ["2026-0000001", "2026-0000002"])
        try await database.close()
        database = try PortalDatabase(portalID: "prova", dataFolder: data)
        #expect(try await store(3...3, in: database) == ["2026-0000003"])
        let backup = try DataBackup(dataFolder: data, served: ["prova"], secretFile: data.appendingPathComponent("s"))
            .write(portals: [], at: DataBackupTests.date).folder
        #expect(try await store(4...5, in: database) == ["2026-0000004", "2026-0000005"])
        try await database.close()
        #expect(
            try String(contentsOf: portal.appendingPathComponent("numbers"), encoding: .utf8)
                == "application 2026 1000\n")

        try restore(backup)
        database = try PortalDatabase(portalID: "prova", dataFolder: data)
        #expect(try await store(6...7, in: database) == ["2026-0001001", "2026-0001002"])
        #expect(try await database.writer.read { try $0.tableExists(NumberReservation.markTable) } == false)
        #expect(
            try String(contentsOf: portal.appendingPathComponent("numbers"), encoding: .utf8)
                == "application 2026 2000\n")
        try await database.close()
        // Opened again, the database is no longer a restored copy: numbering goes on without a gap.
        database = try PortalDatabase(portalID: "prova", dataFolder: data)
        #expect(try await store(8...8, in: database) == ["2026-0001003"])
        try await database.close()
    }

    @Test("a restored database without the numbers file does not open, saying how to write the file")
    func restoreWithoutFile() async throws {
        let database = try PortalDatabase(portalID: "prova", dataFolder: data)
        _ = try await store(1...1, in: database)
        let backup = try DataBackup(dataFolder: data, served: ["prova"], secretFile: data.appendingPathComponent("s"))
            .write(portals: [], at: DataBackupTests.date).folder
        try await database.close()
        try FileManager.default.removeItem(at: portal)
        try FileManager.default.createDirectory(
            at: portal.appendingPathComponent("uploads"), withIntermediateDirectories: true)
        try restore(backup)
        let file = portal.appendingPathComponent("numbers")
        #expect {
            _ = try PortalDatabase(portalID: "prova", dataFolder: data)
        } throws: { error in
            "\(error)".contains("\(file.path) (the numeri pratica the daemon may have issued) is missing")
                && "\(error)".contains("echo 'application 2026 1234' > \(file.path)")
        }
        try "application 2026 40\n".write(to: file, atomically: true, encoding: .utf8)
        let reopened = try PortalDatabase(portalID: "prova", dataFolder: data)
        #expect(try await store(2...2, in: reopened) == ["2026-0000041"])
        try await reopened.close()
    }
}
