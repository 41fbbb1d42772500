import AsyncHTTPClient
import Foundation
import GRDB
import Synchronization
import Testing

@Suite(
    "Durability of the real daemon", .serialized,
    .enabled(if: DaemonProcess.binary != nil, "build the piazza binary first: swift build"))
struct DurabilityTests {
    /// Receipts given so far, shared by the posting tasks and the test that waits for them.
    final class Progress: Sendable {
        let count = Atomic<Int>(0)
    }

    /// Posts from `connections` concurrent clients until a post fails; returns every receipt token received.
    /// `given` counts the receipts as they arrive.
    static func load(
        _ daemon: DaemonProcess, client: HTTPClient, connections: Int, given: Progress
    ) async -> [String] {
        await withTaskGroup(of: [String].self) { group in
            for worker in 0..<connections {
                group.addTask {
                    var tokens: [String] = []
                    for index in 0..<10_000 {
                        guard let token = await daemon.post(client, key: "w\(worker)-\(index)") else { break }
                        tokens.append(token)
                        given.count.add(1, ordering: .relaxed)
                    }
                    return tokens
                }
            }
            return await group.reduce(into: [String]()) { $0 += $1 }
        }
    }

    /// Waits until `count` receipts have been given (at most 60 s: a loaded machine starts slowly), then
    /// a little longer, so the signal lands while posts are in flight rather than after a fixed time.
    static func waitForLoad(_ given: Progress, count: Int = 100) async throws {
        for _ in 0..<1200 where given.count.load(ordering: .relaxed) < count {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(300))
    }

    static func check(_ daemon: DaemonProcess, receipts: [String]) throws {
        let queue = try DatabaseQueue(path: daemon.databasePath)
        let (integrity, tokens, count) = try queue.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA integrity_check"),
                Set(try String.fetchAll(db, sql: "SELECT token FROM applications")),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM applications")!
            )
        }
        #expect(integrity == "ok")
        let missing = receipts.filter { !tokens.contains($0) }
        #expect(missing.isEmpty, "receipts given without a stored row: \(missing.count)")
        #expect(count >= receipts.count)
        let numbers = try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT count(DISTINCT number) FROM applications")!
        }
        #expect(numbers == count)
    }

    @Test("killed with SIGKILL under concurrent load, every receipt given has its row and the database is intact")
    func sigkill() async throws {
        let daemon = try DaemonProcess()
        let given = try await DaemonProcess.withClient { client in
            try await daemon.start(client: client)
            let progress = Progress()
            async let receipts = Self.load(daemon, client: client, connections: 16, given: progress)
            try await Self.waitForLoad(progress)
            await daemon.stop(signal: SIGKILL)
            return await receipts
        }
        #expect(given.count > 0)
        // A new client: the old one backs off after the refused connections.
        try await DaemonProcess.withClient { client in
            try await daemon.start(client: client)
            try Self.check(daemon, receipts: given)
            let after = await daemon.post(client, key: "after-restart")
            #expect(after != nil)
            #expect(await daemon.stop(signal: SIGTERM) == 0)
        }
    }

    @Test("stopped with SIGTERM under load, the daemon exits cleanly and every receipt given has its row")
    func sigterm() async throws {
        let daemon = try DaemonProcess()
        try await DaemonProcess.withClient { client in
            try await daemon.start(client: client)
            let progress = Progress()
            async let receipts = Self.load(daemon, client: client, connections: 16, given: progress)
            try await Self.waitForLoad(progress)
            let status = await daemon.stop(signal: SIGTERM)
            let given = await receipts
            #expect(status == 0)
            #expect(given.count > 0)
            try Self.check(daemon, receipts: given)
        }
    }
}
