import AsyncHTTPClient
import Foundation
import GRDB
import Subprocess
import Testing

/// The real `piazza backup`, on a real daemon receiving applications and on fixture trees.
@Suite(
    "piazza backup: a whole dated folder while the daemon runs, or exit 1 saying what to fix",
    .enabled(if: DaemonProcess.binary != nil, "build the piazza binary first: swift build"))
struct BackupCommandTests {
    @Test(
        "a backup of a running daemon receiving posts has every receipt given before it, and the data folder's layout")
    func runningDaemon() async throws {
        let daemon = try DaemonProcess()
        try await DaemonProcess.withClient { client in
            try await daemon.start(client: client)
            var receipts: [String] = []
            for index in 0..<5 { receipts.append(try #require(await daemon.post(client, key: "prima-\(index)"))) }
            // Posts go on while the backup runs.
            let posting = Task {
                for index in 0..<10_000 where !Task.isCancelled { _ = await daemon.post(client, key: "poi-\(index)") }
            }
            let outcome = try await runPiazza(["backup", "--config", daemon.configFile.path])
            posting.cancel()
            _ = await posting.value
            await daemon.stop(signal: SIGTERM)

            #expect(outcome.status == .exited(0), "\(outcome.output)")
            let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
            let folder = try #require(lines.last?.firstMatch(of: /^backup written to (.+)$/)?.1).description
            #expect(folder.hasPrefix(daemon.root.appendingPathComponent("data/backups/piazza-").path), "\(folder)")
            #expect(lines.count == 5, "\(outcome.standardOutput)")
            #expect(
                lines[0].hasPrefix("prova/piazza.sqlite: ") && lines[0].hasSuffix(" bytes, PRAGMA integrity_check ok"))
            #expect(lines[1].hasPrefix("prova/uploads/: 0 files, 0 bytes"), "\(lines[1])")
            #expect(lines[2].hasPrefix("users.sqlite: ") && lines[3] == "secret: copied, mode 0600", "\(lines)")
            #expect(
                try FileManager.default.subpathsOfDirectory(atPath: folder).sorted() == [
                    "prova", "prova/piazza.sqlite", "prova/uploads", "secret", "users.sqlite",
                ])

            let (integrity, tokens) = try Self.read(folder + "/prova/piazza.sqlite")
            #expect(integrity == ["ok"])
            #expect(Set(receipts).isSubset(of: tokens), "\(receipts) not all in \(tokens.count) rows")
        }
    }

    /// `PRAGMA integrity_check` of the database at `path` and its receipt tokens.
    static func read(_ path: String) throws -> (integrity: [String], tokens: Set<String>) {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            (
                try String.fetchAll(db, sql: "PRAGMA integrity_check"),
                Set(try String.fetchAll(db, sql: "SELECT token FROM applications"))
            )
        }
    }

    @Test(
        "an unknown portal, a portal without a database, an output that is not a folder: exit 1 with the fix",
        arguments: [
            (["--portal", "altro"], "error: --portal altro: the daemon does not serve it; use one of: prova"),
            (["--portal", "prova"], "error: no database for portal prova at "),
            (["--output", "piazza.yaml/copie"], "/piazza.yaml/copie (Not a directory); pass --output with a folder"),
        ])
    func refusals(arguments: [String], message: String) async throws {
        let root = try UserCommandTests.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let outcome = try await runPiazza(
            ["backup"] + arguments + ["--config", root.appendingPathComponent("piazza.yaml").path], in: root)
        #expect(outcome.status == .exited(1))
        #expect(outcome.standardError.contains(message), "\(outcome.output)")
        #expect(outcome.standardOutput.isEmpty, "\(outcome.standardOutput)")
        let backups = root.appendingPathComponent("data/backups").path
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: backups)) ?? []).isEmpty)
    }
}
