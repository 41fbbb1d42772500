// The floor of the intake's stack, for bench/floor.sh: a Hummingbird 2 app that takes the same form
// post as `piazza daemon` (POST /forms/{portal}/{form}, an urlencoded body of about 1 KB), reads its
// body and answers 303, with no validation, no rate limits, no middleware of piazza's.
//
//   floor PORT bare                 body read, 303
//   floor PORT group DATABASE       and the body inserted into one table (WAL, synchronous=FULL),
//                                   concurrent posts sharing one transaction (a trivial group commit)
//   floor PORT each DATABASE        and one transaction per post
//
// GET /healthz answers 200 once it listens. Bench-only code: it measures the libraries, not piazza.
import Foundation
import GRDB
import Hummingbird

/// Concurrent inserts in shared transactions: the posts that arrive while one transaction commits go
/// together into the next, each resumed once the transaction holding its row is durable.
actor GroupInsert {
    private let writer: DatabasePool
    private var pending: [(body: String, continuation: CheckedContinuation<Void, any Error>)] = []
    private var isFlushing = false

    init(writer: DatabasePool) { self.writer = writer }

    func insert(_ body: String) async throws {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((body, continuation))
            if !isFlushing {
                isFlushing = true
                Task { await flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = pending
            pending.removeAll()
            do {
                try await writer.write { db in
                    for job in batch { try insertBody(job.body, in: db) }
                }
                for job in batch { job.continuation.resume() }
            } catch {
                for job in batch { job.continuation.resume(throwing: error) }
            }
        }
        isFlushing = false
    }
}

@Sendable func insertBody(_ body: String, in db: Database) throws {
    try db.cachedStatement(sql: "INSERT INTO submissions (body) VALUES (?)").execute(arguments: [body])
}

func openDatabase(_ path: String) throws -> DatabasePool {
    var configuration = Configuration()
    configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
    let pool = try DatabasePool(path: path, configuration: configuration)
    try pool.write { db in
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS submissions (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
    }
    return pool
}

let arguments = CommandLine.arguments
guard arguments.count >= 3, let port = Int(arguments[1]), ["bare", "group", "each"].contains(arguments[2]),
    arguments[2] == "bare" || arguments.count == 4
else {
    print("usage: floor PORT bare | floor PORT group|each DATABASE")
    exit(1)
}
let mode = arguments[2]
let database = mode == "bare" ? nil : try openDatabase(arguments[3])
let group = database.map { GroupInsert(writer: $0) }

let router = Router()
router.get("/healthz") { _, _ in HTTPResponse.Status.ok }
router.post("/forms/:portal/:form") { request, context -> Response in
    let buffer = try await request.body.collect(upTo: 1 << 20)
    let body = String(buffer: buffer)
    if let group {
        try await group.insert(body)
    } else if let database {
        try await database.write { db in try insertBody(body, in: db) }
    }
    return Response(status: .seeOther, headers: [.location: "/ricevuta/floor"])
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
