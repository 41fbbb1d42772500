import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import PiazzaContent
import PiazzaRender

@testable import PiazzaIntake

/// A temporary content tree with one portal (`prova`), an open form (`domanda`), a closed one
/// (`chiuso`) and a data folder, plus the daemon built on it. The folder is removed with the fixture.
final class IntakeFixture: Sendable {
    let root: URL
    let config: DaemonConfig
    let app: IntakeApp

    /// 1 June 2026, 12:00 in Rome: inside the open form's window.
    static let now = ContentDateTime("2026-06-01 12:00")!.instant

    /// The repository root, found from this file's path.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let form = """
        title: Domanda di prova
        description: Un modulo per i test.
        opens: 2026-01-01 09:00
        closes: 2026-12-31 12:00
        privacy: privacy.md
        retention_years: 5
        min_fill_seconds: 5
        sections:
          - title: Richiedente
            fields:
              - { name: nome, type: text, label: Nome e cognome, required: true }
              - { name: codice_fiscale, type: codice_fiscale, label: Codice fiscale, required: true }
              - { name: data_nascita, type: date, label: Data di nascita, required: true, max: today }
              - name: comune_residenza
                type: select
                label: Comune di residenza
                required: true
                options:
                  - { value: "028100", label: Vigonza }
                  - { value: altro, label: Altro comune }
              - { name: indirizzo, type: text, label: Indirizzo }
              - { name: cap, type: cap, label: CAP }
              - { name: email, type: email, label: Email }
              - { name: telefono, type: tel, label: Telefono }
              - { name: iban, type: iban, label: IBAN }
              - { name: affitto, type: money, label: Affitto mensile, min: 0, max: 5000 }
              - { name: superficie, type: number, label: Superficie dell'alloggio (m²), min: 0.5, max: 1000 }
              - { name: note, type: textarea, label: Note, max_length: 500 }
              - { name: documento, type: file, label: Documento, accept: [application/pdf] }
          - title: Nucleo
            fields:
              - name: componenti
                type: group
                label: Componente
                max: 4
                fields:
                  - { name: nome, type: text, label: Nome e cognome, required: true }
                  - { name: codice_fiscale, type: codice_fiscale, label: Codice fiscale, required: true }
              - { name: isee, type: isee, label: ISEE, required: true }
              - { name: privacy, type: consent, label: Ho letto l'informativa, required: true }
        checks:
          isee: { field: isee, max: 15000 }
          residence: { field: comune_residenza }
          household: { fields: [codice_fiscale, componenti.codice_fiscale] }
        benefit:
          household_group: componenti
          amounts: [150, 250, 350]
        """

    static let files: [String: String] = [
        "prova/portal.yaml": """
        name: Prova Welfare
        comuni:
          - { name: Vigonza, istat: "028100", province: PD }
        base_url: https://welfare.example.it
        intake_url: https://servizi.example.it
        description: Un portale per i test.
        contacts: { email: welfare@example.it }
        dpo: { name: DPO di prova, email: dpo@example.it }
        accessibility_statement: https://form.agid.gov.it/view/prova
        """,
        "prova/_index.md": "---\ntitle: Prova Welfare\n---\n\nBenvenuti.\n",
        "prova/forms/domanda.yaml": form,
        "prova/forms/chiuso.yaml": form.replacingOccurrences(
            of: "closes: 2026-12-31 12:00", with: "closes: 2026-03-01 12:00"),
        "prova/forms/futuro.yaml": form.replacingOccurrences(
            of: "opens: 2026-01-01 09:00", with: "opens: 2026-09-01 09:00"),
        "prova/calendars/lezioni.yaml": calendar,
        "prova/calendars/riservato.yaml": calendar + "requires_form: domanda\n",
        "prova/calendars/gruppi.yaml": groups,
    ]

    /// A 2-seat calendar with a waiting list, two tutors bound to back-office accounts (`tutor`,
    /// `bruno.tutor`) and a cost per hour: 90-minute slots on weekdays of May and June 2026, Anna at
    /// 15:00, Bruno at 17:00 (bookings, waiting list, attendance and reports).
    static let groups = """
        title: Gruppi di studio
        description: Compiti con il tutor in gruppi di due.
        capacity: 2
        party_size: { min: 1, max: 2 }
        booking_window: { opens_days_before: 60, closes_hours_before: 1 }
        cancel_hours_before: 24
        waitlist: true
        cost_per_hour: 25.00
        resources:
          - { id: tutor-anna, name: "Anna, tutor", place: "Biblioteca civica", account: tutor }
          - { id: tutor-bruno, name: "Bruno, tutor", place: "Sala civica", account: bruno.tutor }
        slots:
          - { resource: tutor-anna, weekdays: [lunedì, martedì, mercoledì, giovedì, venerdì], start: "15:00", end: "16:30", from: 2026-05-01, until: 2026-06-30 }
          - { resource: tutor-bruno, weekdays: [lunedì, martedì, mercoledì, giovedì, venerdì], start: "17:00", end: "18:30", from: 2026-05-01, until: 2026-06-30 }

        """

    /// A booking calendar (docs/CALENDARS.md) around ``now`` (Monday 1 June 2026, 12:00): open slots on
    /// Tuesdays and Thursdays of June at 15:00, one on 2 June at 10:00 (past its 24-hour cancel
    /// deadline), one on 1 June at 12:30 (closed, an hour before), one in August (not yet open).
    static let calendar = """
        title: Lezioni di prova
        description: Lezioni in piccoli gruppi.
        capacity: 3
        party_size: { min: 1, max: 2 }
        booking_window: { opens_days_before: 30, closes_hours_before: 1 }
        cancel_hours_before: 24
        resources:
          - { id: tutor-anna, name: "Anna, tutor", place: "Biblioteca civica" }
        slots:
          - { resource: tutor-anna, weekdays: [martedì, giovedì], start: "15:00", end: "16:30", from: 2026-06-02, until: 2026-06-30 }
        extra_slots:
          - { resource: tutor-anna, date: 2026-06-02, start: "10:00", end: "11:30" }
          - { resource: tutor-anna, date: 2026-06-01, start: "12:30", end: "13:30" }
          - { resource: tutor-anna, date: 2026-08-04, start: "15:00", end: "16:30" }

        """

    /// Writes the tree and builds the app. `limits` defaults to generous values so tests do not
    /// trip the rate limiter by accident.
    init(
        limits: DaemonConfig.Limits = .init(bodyBytes: 65_536, fileBytes: 16_384, perIPPerMinute: 1000),
        publicURL: String? = nil
    ) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-intake-\(UUID().uuidString)")
        let content = root.appendingPathComponent("content")
        try Self.writeContent(at: content)
        config = DaemonConfig(
            contentFolder: content, themeFolder: Self.repository.appendingPathComponent("themes/default"),
            dataFolder: root.appendingPathComponent("data"), publicURL: publicURL, limits: limits)
        let tree = try ContentTree.load(from: content)
        let theme = try Theme.load(from: config.themeFolder)
        app = try IntakeApp(
            config: config, content: tree, theme: theme, logger: Logger(label: "test"), clock: { Self.now })
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes the fixture tree; `opens`/`closes` replace the open form's window.
    static func writeContent(at content: URL, opens: String = "2026-01-01 09:00", closes: String = "2026-12-31 12:00")
        throws
    {
        var files = Self.files
        files["prova/forms/domanda.yaml"] = form.replacingOccurrences(
            of: "opens: 2026-01-01 09:00", with: "opens: \(opens)"
        )
        .replacingOccurrences(of: "closes: 2026-12-31 12:00", with: "closes: \(closes)")
        for page in Portal.footerPages {
            files["prova/\(page)"] = "---\ntitle: Pagina \(page)\n---\n\nTesto.\n"
        }
        for (path, text) in files {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// The portal database file on disk.
    var databasePath: String { config.dataFolder.appendingPathComponent("prova/piazza.sqlite").path }

    /// Opens the database file independently of the daemon.
    func database() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: databasePath, configuration: configuration)
    }

    /// Runs a read on the database file, synchronously.
    func query<T>(_ block: (Database) throws -> T) throws -> T {
        try database().read(block)
    }

    /// Rows in `applications`.
    func applicationCount() throws -> Int {
        try query { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM applications")! }
    }

    /// A complete valid submission.
    static let valid: [(String, String)] = [
        ("nome", "Maria Bianchi"), ("codice_fiscale", "BNCLRA90A41H501F"), ("data_nascita", "01/01/1990"),
        ("comune_residenza", "028100"), ("componenti.0.nome", "Mario Rossi"),
        ("componenti.0.codice_fiscale", "RSSMRA45D25F205N"), ("isee.importo", "8.500,00"),
        ("isee.dsu", "INPS-ISEE-2026-12345678A-00"), ("privacy", "si"), ("sito_web", ""),
    ]

    /// `valid` with some values replaced or added.
    static func fields(_ changes: [(String, String)] = [], removing: Set<String> = []) -> [(String, String)] {
        let names = Set(changes.map(\.0))
        return valid.filter { !names.contains($0.0) && !removing.contains($0.0) } + changes
    }

    /// A URL-encoded body.
    static func body(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let text = fields.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
        return ByteBuffer(string: text)
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// Posts fields to `/forms/prova/{form}`.
    static func post(
        _ client: some TestClientProtocol, _ fields: [(String, String)], form: String = "domanda",
        headers: HTTPFields = formHeaders
    ) async throws -> TestResponse {
        try await client.execute(uri: "/forms/prova/\(form)", method: .post, headers: headers, body: body(fields))
    }

    /// A multipart body with text fields and one file.
    static func multipart(_ fields: [(String, String)], file: (name: String, filename: String, bytes: [UInt8])) -> (
        HTTPFields, ByteBuffer
    ) {
        multipart(
            fields, disposition: Array("name=\"\(file.name)\"; filename=\"\(file.filename)\"".utf8), bytes: file.bytes)
    }

    /// A multipart body with text fields and one file part whose `Content-Disposition` parameters
    /// are given as raw bytes (`name="documento"; filename*=UTF-8''…`).
    static func multipart(
        _ fields: [(String, String)], disposition: [UInt8], bytes: [UInt8],
        boundary: String = "----piazzatest\(UUID().uuidString)"
    ) -> (HTTPFields, ByteBuffer) {
        var buffer = ByteBuffer()
        for (name, value) in fields {
            buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; ")
        buffer.writeBytes(disposition)
        buffer.writeString("\r\nContent-Type: application/octet-stream\r\n\r\n")
        buffer.writeBytes(bytes)
        buffer.writeString("\r\n--\(boundary)--\r\n")
        return ([.contentType: "multipart/form-data; boundary=\(boundary)"], buffer)
    }

    /// The files left in the portal's uploads folder.
    func uploads() throws -> [String] {
        try FileManager.default.contentsOfDirectory(
            atPath: config.dataFolder.appendingPathComponent("prova/uploads").path)
    }

    /// Escapes like the theme's templates do.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}

extension HTTPFields {
    /// Every field but `Date`, which differs between two answers a second apart.
    var withoutDate: [HTTPFields.Element] { filter { $0.name != .date } }
}
