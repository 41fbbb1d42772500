import AsyncHTTPClient
import Foundation
import GRDB
import ItalianIdentifiers
import Testing

@testable import PiazzaIntake

/// The capacity rule on the real daemon process: concurrent posts for one slot never book more seats than it has.
@Suite(
    "Booking race on the real daemon", .serialized,
    .enabled(if: DaemonProcess.binary != nil, "build the piazza binary first: swift build"))
struct BookingRaceTests {
    /// A 3-seat calendar with one slot on each of the next days, open now (the daemon runs on the real clock).
    static func calendar(days: Int) -> String {
        let slots = (2..<(2 + days)).map { offset in
            let day = ItalianDate(Date().addingTimeInterval(Double(offset) * 86_400))
            return "  - { resource: aula, date: \(day.iso), start: \"10:00\", end: \"11:00\" }"
        }
        return """
            title: Corsa ai posti
            description: Tre posti per turno.
            capacity: 3
            party_size: { min: 1, max: 2 }
            resources:
              - { id: aula, name: Aula studio }
            extra_slots:
            \(slots.joined(separator: "\n"))

            """
    }

    /// Posts `count` bookings of `seats` at once to one slot; the status of each answer.
    static func race(_ daemon: DaemonProcess, client: HTTPClient, slot: String, seats: Int, count: Int) async -> [Int] {
        await withTaskGroup(of: Int.self) { group in
            for index in 0..<count {
                group.addTask {
                    var request = HTTPClientRequest(url: daemon.baseURL + "/bookings/prova/corsa/\(slot)")
                    request.method = .POST
                    request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
                    request.body = .bytes(
                        IntakeFixture.body(
                            BookingPostTests.fields([("posti", String(seats)), ("nome", "Famiglia \(index)")])))
                    guard let response = try? await client.execute(request, timeout: .seconds(30)) else { return 0 }
                    _ = try? await response.body.collect(upTo: 1 << 20)
                    return Int(response.status.code)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test(
        "200 concurrent posts for a 3-seat slot give exactly 3 × 303 and 197 × 409 (party of 2: 1 and 199), over rounds"
    )
    func concurrentPosts() async throws {
        let daemon = try DaemonProcess()
        let rounds = [1, 2, 1]
        let folder = daemon.root.appendingPathComponent("content/prova/calendars")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.calendar(days: rounds.count).write(
            to: folder.appendingPathComponent("corsa.yaml"), atomically: true, encoding: .utf8)
        try await DaemonProcess.withClient { client in
            try await daemon.start(client: client)
            for (round, seats) in rounds.enumerated() {
                let day = ItalianDate(Date().addingTimeInterval(Double(round + 2) * 86_400))
                let slot = "\(day.iso)T10:00-aula"
                let statuses = await Self.race(daemon, client: client, slot: slot, seats: seats, count: 200)
                let booked = 3 / seats
                #expect(statuses.filter { $0 == 303 }.count == booked, "round \(round)")
                #expect(statuses.filter { $0 == 409 }.count == 200 - booked, "round \(round)")
                let (rows, taken) = try await DatabaseQueue(path: daemon.databasePath).read { db in
                    (
                        try Int.fetchOne(
                            db, sql: "SELECT count(*) FROM bookings WHERE slot_id = ?", arguments: [slot])!,
                        try Int.fetchOne(
                            db, sql: "SELECT SUM(seats) FROM bookings WHERE slot_id = ?", arguments: [slot])!
                    )
                }
                #expect(rows == booked)
                #expect(taken == booked * seats)
            }
        }
    }
}
