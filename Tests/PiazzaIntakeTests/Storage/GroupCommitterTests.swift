import Foundation
import GRDB
import Testing

@testable import PiazzaIntake

@Suite("Group commit")
final class GroupCommitterTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-gc-\(UUID().uuidString)")

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    func database() throws -> PortalDatabase {
        try PortalDatabase(portalID: "prova", dataFolder: folder)
    }

    @Test("the writer connection is in WAL mode with synchronous FULL, and every migration is applied")
    func pragmas() throws {
        let database = try database()
        let (mode, synchronous, tables) = try database.writer.writeWithoutTransaction { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                try ["applications", "application_events", "counters"].allSatisfy { try db.tableExists($0) }
            )
        }
        #expect(mode == "wal")
        #expect(synchronous == 2)
        #expect(tables)
    }

    @Test(
        "statement journals stay in memory (temp_store MEMORY), and a write that changed over 64 KiB of pages rolls back alone"
    )
    func statementJournalInMemory() async throws {
        struct Refused: Error {}
        let database = try database()
        let tempStore = try await database.writer.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA temp_store")
        }
        #expect(tempStore == 2)
        let insert = "INSERT INTO counters (name, year, value) VALUES (?, 2026, 0)"
        try await database.committer.write { db in try db.execute(sql: insert, arguments: ["before"]) }
        // 200 rows of 2 KB: about 100 pages in the savepoint's journal, past SQLite's 64 KiB in memory.
        await #expect(throws: Refused.self) {
            try await database.committer.write { db in
                for index in 0..<200 {
                    try db.execute(sql: insert, arguments: [String(repeating: "x", count: 2000) + "\(index)"])
                }
                throw Refused()
            }
        }
        try await database.committer.write { db in try db.execute(sql: insert, arguments: ["after"]) }
        let names = try await database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM counters ORDER BY name")
        }
        #expect(names == ["after", "before"])
    }

    @Test("concurrent writes share transactions and every caller gets its own result after the commit")
    func batching() async throws {
        let database = try database()
        let committer = GroupCommitter(writer: database.writer)
        let count = 200
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<count {
                group.addTask {
                    try await committer.write { db in
                        try db.execute(
                            sql: "INSERT INTO counters (name, year, value) VALUES (?, 2026, ?)",
                            arguments: ["c\(index)", index])
                        return index
                    }
                }
            }
            return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
        }
        #expect(results == Set(0..<count))
        let stored = try await database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM counters")!
        }
        #expect(stored == count)
        let commits = await committer.commits
        #expect(commits < count)
    }

    @Test("a failing write is rolled back alone; the others in its batch are committed")
    func isolation() async throws {
        let database = try database()
        let committer = GroupCommitter(writer: database.writer)
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<20 {
                group.addTask {
                    do {
                        try await committer.write { db in
                            try db.execute(
                                sql: "INSERT INTO counters (name, year, value) VALUES (?, 2026, 1)",
                                arguments: ["n\(index)"])
                            if index == 7 { try db.execute(sql: "INSERT INTO no_such_table VALUES (1)") }
                        }
                        return true
                    } catch {
                        return false
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { !$0 }.count == 1)
        let names = try await database.writer.read { db in try String.fetchAll(db, sql: "SELECT name FROM counters") }
        #expect(names.count == 19 && !names.contains("n7"))
    }
}
