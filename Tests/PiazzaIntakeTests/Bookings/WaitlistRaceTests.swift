import AsyncHTTPClient
import Foundation
import GRDB
import ItalianIdentifiers
import Testing

@testable import PiazzaIntake

/// The waiting list on the real daemon process: cancellations and new bookings at once never put a
/// slot over its seats, and the list is served in order of arrival.
@Suite(
    "Waiting list race on the real daemon", .serialized,
    .enabled(if: DaemonProcess.binary != nil, "build the piazza binary first: swift build"))
struct WaitlistRaceTests {
    static let day = ItalianDate(Date().addingTimeInterval(2 * 86_400))
    static let slot = "\(day.iso)T10:00-aula"

    static let calendar = """
        title: Lista d'attesa
        description: Tre posti, poi la lista.
        capacity: 3
        party_size: { min: 1, max: 2 }
        waitlist: true
        resources:
          - { id: aula, name: Aula studio }
        extra_slots:
          - { resource: aula, date: \(day.iso), start: "10:00", end: "11:00" }

        """

    /// Posts `names` at once, each asking to wait if the slot is full, a party of 1 or 2 by index.
    static func book(_ daemon: DaemonProcess, _ client: HTTPClient, _ names: [String]) async -> [Int] {
        await withTaskGroup(of: Int.self) { group in
            for (index, name) in names.enumerated() {
                group.addTask {
                    var request = HTTPClientRequest(url: daemon.baseURL + "/bookings/prova/attesa/\(slot)")
                    request.method = .POST
                    request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
                    request.body = .bytes(
                        IntakeFixture.body(
                            BookingPostTests.fields([
                                ("posti", String(index % 2 + 1)), ("nome", name), ("attesa", "si"),
                            ])))
                    return await status(client, request)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    static func cancel(_ daemon: DaemonProcess, _ client: HTTPClient, _ tokens: [String]) async -> [Int] {
        await withTaskGroup(of: Int.self) { group in
            for token in tokens {
                group.addTask {
                    var request = HTTPClientRequest(url: daemon.baseURL + "/r/\(token)/cancel")
                    request.method = .POST
                    return await status(client, request)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    static func status(_ client: HTTPClient, _ request: HTTPClientRequest) async -> Int {
        guard let response = try? await client.execute(request, timeout: .seconds(30)) else { return 0 }
        _ = try? await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
    }

    struct Row: Decodable, FetchableRecord {
        var id: Int64
        var token: String
        var seats: Int
        var state: String
    }

    static func rows(_ daemon: DaemonProcess) async throws -> [Row] {
        try await DatabaseQueue(path: daemon.databasePath).read { db in
            try Row.fetchAll(db, sql: "SELECT id, token, seats, state FROM bookings ORDER BY id")
        }
    }

    /// The rules after any mix of posts and cancellations: the confirmed seats within capacity, every
    /// confirmed booking ahead of every waiting one, and the first in line needing more than is free.
    static func checkOrder(_ rows: [Row], round: String) {
        let confirmed = rows.filter { $0.state == "confermata" }
        let waiting = rows.filter { $0.state == "in attesa" }
        let taken = confirmed.map(\.seats).reduce(0, +)
        #expect(taken <= 3, "\(round)")
        if let first = waiting.first {
            #expect(confirmed.allSatisfy { $0.id < first.id }, "\(round)")
            #expect(first.seats > 3 - taken, "\(round): a seat was left free with a family waiting for it")
        }
    }

    @Test("concurrent cancellations and bookings keep the seats within capacity and promote in order, over rounds")
    func cancellationsAndBookings() async throws {
        let daemon = try DaemonProcess()
        let folder = daemon.root.appendingPathComponent("content/prova/calendars")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.calendar.write(to: folder.appendingPathComponent("attesa.yaml"), atomically: true, encoding: .utf8)
        try await DaemonProcess.withClient { client in
            try await daemon.start(client: client)
            let first = await Self.book(daemon, client, (0..<80).map { "Famiglia \($0)" })
            #expect(first.allSatisfy { $0 == 303 })  // booked, or waiting: every family gets a receipt
            Self.checkOrder(try await Self.rows(daemon), round: "bookings")
            for round in 0..<3 {
                let rows = try await Self.rows(daemon)
                let live = rows.filter { $0.state != "cancellata" }
                // The confirmed ones and every third waiting one cancel while 30 more families book.
                let leaving = live.enumerated().filter { $0.element.state == "confermata" || $0.offset % 3 == 0 }
                async let cancelled = Self.cancel(daemon, client, leaving.map(\.element.token))
                async let booked = Self.book(daemon, client, (0..<30).map { "Round \(round) famiglia \($0)" })
                let (cancels, bookings) = await (cancelled, booked)
                #expect(cancels.allSatisfy { $0 == 303 } && bookings.allSatisfy { $0 == 303 }, "round \(round)")
                let after = try await Self.rows(daemon)
                Self.checkOrder(after, round: "round \(round)")
                #expect(after.contains { $0.state == "confermata" }, "round \(round): nobody was promoted")
                #expect(
                    after.filter { $0.state == "cancellata" }.count == rows.filter { $0.state == "cancellata" }.count
                        + leaving.count)
            }
        }
    }
}
