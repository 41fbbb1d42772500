import Crypto
import Foundation
import GRDB
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

@Suite("A repeated submission returns its own receipt, and only its own")
struct OneTimeKeyTests {
    /// A second citizen at the same computer: other name and codice fiscale.
    static let other: [(String, String)] = [("nome", "Emanuele Ricci"), ("codice_fiscale", "RCCMNL83S18D969H")]

    @Test("the same key and answers twice give the same receipt and one row")
    func doubleSubmit() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let fields = IntakeFixture.fields([("_key", "0123456789abcdef")])
            let first = try await IntakeFixture.post(client, fields)
            // A double click sends the page's fill time again, a little later: it is not an answer.
            let second = try await IntakeFixture.post(client, fields + [("_ts", "61000")])
            #expect(first.status == .seeOther && second.status == .seeOther)
            #expect(first.headers[.location] == second.headers[.location])
            #expect(try fixture.applicationCount() == 1)
        }
    }

    @Test("the same key and file twice keep one row and one upload on disk")
    func doubleSubmitWithUpload() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let (headers, body) = IntakeFixture.multipart(
                IntakeFixture.fields([("_key", "upload-twice")]),
                file: ("documento", "doc.pdf", OperatorCaseFileTests.pdf))
            let first = try await client.execute(
                uri: "/forms/prova/domanda", method: .post, headers: headers, body: body)
            let second = try await client.execute(
                uri: "/forms/prova/domanda", method: .post, headers: headers, body: body)
            #expect(first.headers[.location] == second.headers[.location])
            #expect(try fixture.applicationCount() == 1)
            #expect(try fixture.uploads().count == 1)
        }
    }

    @Test("the same key with other answers is a new application with its own receipt, never the first one")
    func sameKeyOtherAnswers() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let first = try await IntakeFixture.post(client, IntakeFixture.fields([("_key", "shared-page")]))
            let second = try await IntakeFixture.post(
                client, IntakeFixture.fields(Self.other + [("_key", "shared-page")]))
            #expect(second.status == .seeOther)
            let location = try #require(second.headers[.location])
            #expect(location != first.headers[.location])
            #expect(try fixture.applicationCount() == 2)
            let receipt = String(buffer: try await client.execute(uri: location, method: .get).body)
            #expect(receipt.contains("Emanuele Ricci") && receipt.contains("2026-0000002"))
            #expect(!receipt.contains("Maria Bianchi"))
        }
    }

    @Test("a key alone answers 422 with an empty form, not the receipt of the application sent with it")
    func keyAlone() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            _ = try await IntakeFixture.post(client, IntakeFixture.fields([("_key", "guessed")]))
            let response = try await IntakeFixture.post(client, [("_key", "guessed")])
            #expect(response.status == .unprocessableContent)
            #expect(response.headers[.location] == nil)
            let page = String(buffer: response.body)
            #expect(!page.contains("Maria Bianchi") && !page.contains("2026-0000001"))
            #expect(try fixture.applicationCount() == 1)
        }
    }

    @Test("simultaneous posts with one key give one row per distinct answers, each with its own receipt")
    func concurrentPosts() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let first = IntakeFixture.fields([("_key", "double-click")])
            let second = IntakeFixture.fields(Self.other + [("_key", "double-click")])
            let locations = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for index in 0..<8 {
                    group.addTask {
                        (
                            index % 2,
                            try await IntakeFixture.post(client, index % 2 == 0 ? first : second).headers[.location]
                        )
                    }
                }
                return try await group.reduce(into: [Int: Set<String?>]()) { $0[$1.0, default: []].insert($1.1) }
            }
            #expect(locations[0]?.count == 1 && locations[1]?.count == 1)
            #expect(locations[0] != locations[1])
            #expect(try fixture.applicationCount() == 2)
        }
    }

    @Test("without a key, the same answers twice are one application")
    func doubleSubmitWithoutKey() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let first = try await IntakeFixture.post(client, IntakeFixture.fields())
            let second = try await IntakeFixture.post(client, IntakeFixture.fields())
            #expect(first.headers[.location] == second.headers[.location])
            #expect(try fixture.applicationCount() == 1)
        }
    }

    @Test("the stored key depends on the form, the one-time key and the answers")
    func keyInputs() throws {
        let fixture = try IntakeFixture()
        let app = fixture.app
        let form = try #require(app.portals["prova"]?.portal.form(id: "domanda"))
        let closed = try #require(app.portals["prova"]?.portal.form(id: "chiuso"))
        let key = app.secret.submissionKey("k", portal: "prova", form: form, answers: "{}")
        #expect(key.count == 64)
        #expect(key == app.secret.submissionKey("k", portal: "prova", form: form, answers: "{}"))
        #expect(key != app.secret.submissionKey("k", portal: "prova", form: closed, answers: "{}"))
        #expect(key != app.secret.submissionKey("k2", portal: "prova", form: form, answers: "{}"))
        #expect(key != app.secret.submissionKey("k", portal: "prova", form: form, answers: "{\"a\":1}"))
        #expect(key != app.secret.submissionKey("", portal: "prova", form: form, answers: "{}"))
    }

    @Test("the stored key is HMAC-SHA256, with the secret file's text, of its parts joined by NUL, as before")
    func keyBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-mac-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("secret")
        let text = "0123456789abcdef0123456789abcdef-prova"
        #expect(
            FileManager.default.createFile(
                atPath: file.path, contents: Data((text + "\n").utf8), attributes: [.posixPermissions: 0o600]))
        let secret = try SecretKey.load(from: file)
        let form = try #require(IntakeFixture().app.portals["prova"]?.portal.form(id: "domanda"))
        let answers = "{\"nome\":\"Nicolò\"}"
        let joined = ["application", "prova", form.id, Timestamp.string(form.opens.instant), "6b31", answers]
            .joined(separator: "\u{0}")
        let expected = HMAC<SHA256>.authenticationCode(
            for: Data(joined.utf8), using: SymmetricKey(data: Data(text.utf8)))
        #expect(secret.submissionKey("k1", portal: "prova", form: form, answers: answers) == Hex.string(expected))
        // Twice from the same secret: the first key leaves nothing behind in the second.
        #expect(secret.submissionKey("k1", portal: "prova", form: form, answers: answers) == Hex.string(expected))
    }

    @Test("migration v2 removes the keys v1 stored for the one-time key alone, and keeps the applications")
    func legacyKeysRemoved() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("v1.sqlite").path)
        try PortalMigrations.migrator.migrate(queue, upTo: "v1 intake")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO applications (id, token, number, year, seq, form_id, submitted_at, channel, answers,
                        checks, state)
                    VALUES (1, 't', '2026-0000001', 2026, 1, 'domanda', '2026-06-01T10:00:00.000Z', 'online', '{}',
                        '[]', 'inviata');
                    INSERT INTO idempotency_keys (key, application_id, created_at)
                        VALUES ('v1', 1, '2026-06-01T10:00:00.000Z');
                    """)
        }
        try PortalMigrations.migrator.migrate(queue)
        let (keys, applications) = try queue.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM applications WHERE idempotency_key IS NOT NULL"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM applications")
            )
        }
        #expect(keys == 0 && applications == 1)
    }
}
