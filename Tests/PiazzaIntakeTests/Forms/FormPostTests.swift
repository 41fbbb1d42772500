import Crypto
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

@Suite("Posting a form to the daemon")
struct FormPostTests {
    @Test("a valid submission is stored, then answered with 303 to its receipt")
    func validSubmission() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await IntakeFixture.post(client, IntakeFixture.fields())
            #expect(response.status == .seeOther)
            let location = try #require(response.headers[.location])
            #expect(location.hasPrefix("/r/"))
            let token = String(location.dropFirst(3))
            #expect(RandomToken.isWellFormed(token))
            let row = try #require(
                try fixture.query { db in
                    try Row.fetchOne(db, sql: "SELECT * FROM applications WHERE token = ?", arguments: [token])
                })
            #expect(row["number"] as String == "2026-0000001")
            #expect(row["form_id"] as String == "domanda")
            #expect(row["channel"] as String == "online")
            #expect(row["state"] as String == "inviata")
            #expect(row["benefit_cents"] as Int == 25_000)
            #expect((row["answers"] as String).contains(#""text":"BNCLRA90A41H501F""#))
            let events = try fixture.query { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM application_events")!
            }
            #expect(events == 1)
            let receipt = try await client.execute(uri: location, method: .get)
            #expect(receipt.status == .ok)
            let page = String(buffer: receipt.body)
            #expect(page.contains("2026-0000001"))
            #expect(page.contains("Maria Bianchi"))
            #expect(page.contains("8.500,00 €"))
            #expect(page.contains("Inviata"))
            let reload = try await client.execute(uri: "/forms/prova/domanda", method: .get)
            #expect(reload.status == .seeOther)
            #expect(reload.headers[.location] == "https://welfare.example.it/moduli/domanda/")
        }
    }

    @Test("behind a path prefix, redirects keep the prefix of public_url")
    func prefixedRedirect() async throws {
        let fixture = try IntakeFixture(publicURL: "https://servizi.example.it/piazza")
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await IntakeFixture.post(client, IntakeFixture.fields())
            #expect(response.headers[.location]?.hasPrefix("/piazza/r/") == true)
        }
    }

    @Test("numeri pratica follow each other within the year")
    func sequentialNumbers() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            for index in 0..<3 {
                let response = try await IntakeFixture.post(client, IntakeFixture.fields([("_key", "k\(index)")]))
                #expect(response.status == .seeOther)
            }
            let numbers = try fixture.query { db in
                try String.fetchAll(db, sql: "SELECT number FROM applications ORDER BY id")
            }
            #expect(numbers == ["2026-0000001", "2026-0000002", "2026-0000003"])
        }
    }

    @Test(
        "each invalid field answers 422 with the form, the value echoed escaped and the field marked invalid",
        arguments: [
            ("codice_fiscale", "RSSMRA45D25F205X<b>"), ("data_nascita", "31/02/1990"), ("data_nascita", "\"1990\""),
            ("comune_residenza", "<i>"), ("cap", "35O1<"), ("email", "maria@<b>"), ("telefono", "049<>"),
            ("iban", "IT60X0542811101000000123457"), ("affitto", "12<3"), ("isee.importo", "8,5'00"),
            ("isee.dsu", "INPS-ISEE-<2026>"), ("componenti.0.codice_fiscale", "<RSS>"),
        ])
    func invalidField(name: String, value: String) async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await IntakeFixture.post(client, IntakeFixture.fields([(name, value)]))
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains("aria-invalid=\"true\""))
            if name != "comune_residenza" { #expect(page.contains(IntakeFixture.escaped(value))) }
            #expect(!page.contains(value) || IntakeFixture.escaped(value) == value)
            #expect(try fixture.applicationCount() == 0)
        }
    }

    @Test("a missing required field answers 422 and keeps the other values")
    func missingField() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await IntakeFixture.post(client, IntakeFixture.fields(removing: ["codice_fiscale"]))
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains("Questo campo è obbligatorio."))
            #expect(page.contains("value=\"Maria Bianchi\""))
            #expect(try fixture.applicationCount() == 0)
        }
    }

    @Test("a filled honeypot gets a neutral 303 and nothing is stored")
    func honeypot() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await IntakeFixture.post(
                client, IntakeFixture.fields([("sito_web", "http://spam.example")]))
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/grazie/prova")
            #expect(try fixture.applicationCount() == 0)
            #expect(fixture.app.metrics.total(.honeypot) == 1)
            let thanks = try await client.execute(uri: "/grazie/prova", method: .get)
            #expect(thanks.status == .ok)
        }
    }

    @Test("a post faster than the form's minimum fill time gets a neutral 303 and nothing is stored")
    func tooFast() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            // `_ts`: milliseconds the page was open before sending, measured by the page's script.
            let response = try await IntakeFixture.post(client, IntakeFixture.fields([("_ts", "2000")]))
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/grazie/prova")
            #expect(try fixture.applicationCount() == 0)
            let accepted = try await IntakeFixture.post(client, IntakeFixture.fields([("_ts", "60000")]))
            #expect(accepted.headers[.location]?.hasPrefix("/r/") == true)
            // Without JavaScript the field is empty: the fill time is unknown and the post is kept.
            let noScript = try await IntakeFixture.post(
                client, IntakeFixture.fields([("_ts", ""), ("_key", "no-script")]))
            #expect(noScript.headers[.location]?.hasPrefix("/r/") == true)
            #expect(try fixture.applicationCount() == 2)
        }
    }

    @Test("over the per-address rate limit the daemon answers 429 and stores nothing more")
    func rateLimit() async throws {
        let fixture = try IntakeFixture(limits: .init(bodyBytes: 65_536, fileBytes: 16_384, perIPPerMinute: 2))
        try await fixture.app.buildApplication().test(.router) { client in
            for index in 0..<2 {
                let response = try await IntakeFixture.post(client, IntakeFixture.fields([("_key", "r\(index)")]))
                #expect(response.status == .seeOther)
            }
            let limited = try await IntakeFixture.post(client, IntakeFixture.fields([("_key", "r3")]))
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "60")
            #expect(try fixture.applicationCount() == 2)
        }
    }

    @Test("a closed bando answers 410, one not open yet and an unknown form 404, in the portal's look")
    func closedAndUnknown() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let closed = try await IntakeFixture.post(client, IntakeFixture.fields(), form: "chiuso")
            #expect(closed.status == .gone)
            #expect(String(buffer: closed.body).contains("Prova Welfare"))
            let early = try await IntakeFixture.post(client, IntakeFixture.fields(), form: "futuro")
            #expect(early.status == .notFound)
            #expect(String(buffer: early.body).contains("1 settembre 2026"))
            let unknown = try await IntakeFixture.post(client, IntakeFixture.fields(), form: "nessuno")
            #expect(unknown.status == .notFound)
            #expect(String(buffer: unknown.body).contains("Prova Welfare"))
            #expect(try fixture.applicationCount() == 0)
        }
    }

    @Test("a body over the limit answers 413, stores nothing and is counted too_large")
    func oversizeBody() async throws {
        let fixture = try IntakeFixture(limits: .init(bodyBytes: 2048, fileBytes: 1024, perIPPerMinute: 1000))
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await IntakeFixture.post(
                client, IntakeFixture.fields([("note", String(repeating: "x", count: 4096))]))
            #expect(response.status == .contentTooLarge)
            #expect(try fixture.applicationCount() == 0)
            #expect(fixture.app.metrics.total(.tooLarge) == 1)
        }
    }

    @Test("a body that is not valid UTF-8, or of another content type, is refused and nothing is stored")
    func invalidBody() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            var body = IntakeFixture.body(IntakeFixture.fields())
            body.writeBytes(Array("&note=".utf8) + [0xFF, 0xFE])
            let invalid = try await client.execute(
                uri: "/forms/prova/domanda", method: .post, headers: IntakeFixture.formHeaders, body: body)
            #expect(invalid.status == .badRequest)
            let json = try await client.execute(
                uri: "/forms/prova/domanda", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{}"))
            #expect(json.status == .unsupportedMediaType)
            #expect(try fixture.applicationCount() == 0)
        }
    }

    @Test(
        "a file over the daemon's file limit answers 422: the form again, the values kept, the error at the field naming the limit"
    )
    func oversizeFile() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let pdf = OperatorCaseFileTests.pdf + Array(repeating: UInt8(ascii: "x"), count: 20_000)
            let (headers, body) = IntakeFixture.multipart(
                IntakeFixture.fields([("note", "Scritto a mano")]), file: ("documento", "grande.pdf", pdf))
            let response = try await client.execute(
                uri: "/forms/prova/domanda", method: .post, headers: headers, body: body)
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            // limits.file_bytes is 16 KiB in the fixture, below the field's default 5 MB.
            #expect(page.contains(IntakeFixture.escaped("Il file supera 16 KB: riducilo")))
            #expect(page.contains(##"href="#f-documento""##))
            #expect(page.contains(">Scritto a mano</textarea>") && page.contains(#"value="Maria Bianchi""#))
            #expect(try fixture.applicationCount() == 0)
            #expect(((try? fixture.uploads()) ?? []).isEmpty)
            #expect(fixture.app.metrics.total(.tooLarge) == 0)
        }
    }

    @Test("an upload is stored outside the web root under a random name, with its sniffed type and SHA-256")
    func upload() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let pdf = Array("%PDF-1.4\n1 0 obj\n%%EOF\n".utf8)
            let (headers, body) = IntakeFixture.multipart(
                IntakeFixture.fields([("_key", "upload")]), file: ("documento", "../../etc/passwd.pdf", pdf))
            let response = try await client.execute(
                uri: "/forms/prova/domanda", method: .post, headers: headers, body: body)
            #expect(response.status == .seeOther)
            let row = try #require(try fixture.query { db in try Row.fetchOne(db, sql: "SELECT * FROM files") })
            #expect(row["original_name"] as String == "passwd.pdf")
            #expect(row["mime"] as String == "application/pdf")
            #expect(row["size"] as Int == pdf.count)
            #expect(row["sha256"] as String == SHA256.hash(data: pdf).map { String(format: "%02x", $0) }.joined())
            let stored = fixture.config.dataFolder.appendingPathComponent(
                "prova/uploads/\(row["stored_name"] as String)")
            #expect(FileManager.default.contents(atPath: stored.path) == Data(pdf))
        }
    }

    @Test(
        "the stored file name is exact for every form of Content-Disposition, and shown on the receipt",
        arguments: [
            (#"name="documento"; filename="ricevuta; marzo.pdf""#, "ricevuta; marzo.pdf"),
            ("name=\"documento\"; filename*=UTF-8''ricevuta%20marzo%C3%A8.pdf", "ricevuta marzoè.pdf"),
            ("name=\"documento\"; filename=\"vecchio.pdf\"; filename*=UTF-8''nuovo.pdf", "nuovo.pdf"),
            ("name=\"documento\"; filename*=ISO-8859-1''ricevuta%E8.pdf", "ricevutaè.pdf"),
            (#"name="documento"; filename="C:\fakepath\scansione.pdf""#, "scansione.pdf"),
            (#"name="documento"; filename="C:\\dati\\carta.pdf""#, "carta.pdf"),
            (#"name="documento"; filename="la \"mia\" carta.pdf""#, #"la "mia" carta.pdf"#),
            ("name=documento; filename=ricevuta.pdf", "ricevuta.pdf"),
            ("name=\"documento\"; filename=\"fattura\u{202E}fdp.exe\"", "fatturafdp.exe"),
        ])
    func uploadName(disposition: String, stored: String) async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let (headers, body) = IntakeFixture.multipart(
                IntakeFixture.fields([("_key", "names")]), disposition: Array(disposition.utf8),
                bytes: OperatorCaseFileTests.pdf)
            let response = try await client.execute(
                uri: "/forms/prova/domanda", method: .post, headers: headers, body: body)
            #expect(response.status == .seeOther)
            let names = try fixture.query { db in try String.fetchAll(db, sql: "SELECT original_name FROM files") }
            #expect(names == [stored])
            let receipt = try await client.execute(uri: try #require(response.headers[.location]), method: .get)
            // Names with HTML metacharacters are left to the escaping tests.
            if IntakeFixture.escaped(stored) == stored { #expect(String(buffer: receipt.body).contains(stored)) }
        }
    }

    @Test("an upload whose bytes are not an accepted type answers 422, whatever its name")
    func uploadWrongType() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]
            let (headers, body) = IntakeFixture.multipart(IntakeFixture.fields(), file: ("documento", "finto.pdf", png))
            let response = try await client.execute(
                uri: "/forms/prova/domanda", method: .post, headers: headers, body: body)
            #expect(response.status == .unprocessableContent)
            #expect(try fixture.applicationCount() == 0)
            let uploads = try FileManager.default.contentsOfDirectory(
                atPath: fixture.config.dataFolder.appendingPathComponent("prova/uploads").path)
            #expect(uploads.isEmpty)
        }
    }

    @Test("when the database refuses the write, the answer is 503, no receipt, and the upload is removed")
    func storageFailure() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let writer = try DatabaseQueue(path: fixture.databasePath)
            try await writer.write { db in
                try db.execute(
                    sql:
                        "CREATE TRIGGER refuse BEFORE INSERT ON applications BEGIN SELECT RAISE(ABORT, 'disk full'); END"
                )
            }
            let pdf = OperatorCaseFileTests.pdf
            let (headers, body) = IntakeFixture.multipart(
                IntakeFixture.fields([("_key", "refused")]), file: ("documento", "doc.pdf", pdf))
            let response = try await client.execute(
                uri: "/forms/prova/domanda", method: .post, headers: headers, body: body)
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.location] == nil)
            #expect(String(buffer: response.body).contains("non è stata inviata"))
            #expect(try fixture.applicationCount() == 0)
            let uploads = try FileManager.default.contentsOfDirectory(
                atPath: fixture.config.dataFolder.appendingPathComponent("prova/uploads").path)
            #expect(uploads.isEmpty)
        }
    }

    @Test("an unknown receipt token answers 404")
    func unknownReceipt() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let unknown = try await client.execute(uri: "/r/aaaaaaaaaaaaaaaaaaaaaaaaaa", method: .get)
            #expect(unknown.status == .notFound)
            let traversal = try await client.execute(uri: "/r/..%2F..%2Fetc", method: .get)
            #expect(traversal.status == .notFound)
        }
    }

    @Test("the thanks page of a served portal answers 200; of an unknown portal 404, like its form paths")
    func thanksPortal() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            #expect(try await client.execute(uri: "/grazie/prova", method: .get).status == .ok)
            for uri in ["/grazie/nessuno", "/forms/nessuno/domanda"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .notFound, "\(uri)")
                #expect(String(buffer: response.body).contains("nessun portale"), "\(uri)")
            }
        }
    }

    @Test("healthz answers 200 and theme assets are served (metrics: MetricsAccessTests)")
    func health() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            let style = try await client.execute(uri: "/assets/style.css", method: .get)
            #expect(style.status == .ok)
            #expect(style.headers[.contentType] == "text/css; charset=utf-8")
            let missing = try await client.execute(uri: "/assets/..%2Fsecret", method: .get)
            #expect(missing.status == .notFound)
        }
    }
}
