import Foundation
import Testing

@testable import PiazzaContent

/// A small form exercising every field type, loaded through the real YAML loader.
enum FixtureForm {
    static let yaml = """
        title: Domanda di prova
        description: Un modulo per i test.
        opens: 2026-01-01 09:00
        closes: 2026-12-31 12:00
        privacy: privacy.md
        retention_years: 5
        sections:
          - title: Richiedente
            fields:
              - { name: nome, type: text, label: Nome, required: true, max_length: 20 }
              - { name: codice_fiscale, type: codice_fiscale, label: Codice fiscale, required: true }
              - { name: nascita, type: date, label: Data di nascita, required: true, max: today }
              - { name: email, type: email, label: Email }
              - { name: telefono, type: tel, label: Telefono }
              - { name: cap, type: cap, label: CAP }
              - { name: piva, type: partita_iva, label: Partita IVA }
              - { name: iban, type: iban, label: IBAN }
              - { name: affitto, type: money, label: Affitto, min: 0, max: 2000 }
              - { name: superficie, type: number, label: Superficie, min: 10 }
              - { name: note, type: textarea, label: Note, max_length: 50 }
              - name: sostegni
                type: radio
                label: Altri aiuti
                required: true
                options: ["si", "no"]
              - name: quali
                type: text
                label: Quali aiuti
                required: true
                when: { field: sostegni, equals: "si" }
              - name: giorni
                type: checkbox
                label: Giorni
                options: [lunedi, martedi]
              - { name: domicilio, type: checkbox, label: Consegna a domicilio }
              - { name: privacy, type: consent, label: Ho letto l'informativa, required: true }
              - { name: documento, type: file, label: Documento, max_bytes: 1000 }
              - { name: isee, type: isee, label: ISEE }
          - title: Nucleo
            fields:
              - name: componenti
                type: group
                label: Componente
                max: 3
                fields:
                  - { name: nome, type: text, label: Nome, required: true }
                  - { name: codice_fiscale, type: codice_fiscale, label: Codice fiscale, required: true }
        """

    static let form: FormDefinition = {
        let sink = DiagnosticSink()
        guard let form = FormDefinition.load(id: "prova", source: "t/forms/prova.yaml", text: yaml, sink: sink) else {
            fatalError("fixture form does not load: \(sink.list.sorted)")
        }
        precondition(!sink.list.hasErrors, "fixture form has errors: \(sink.list.sorted)")
        return form
    }()

    /// 1 June 2026, noon in Rome.
    static let now = ContentDateTime("2026-06-01 12:00")!.instant

    /// The smallest valid submission.
    static let minimal: [String: [String]] = [
        "nome": ["Maria"], "codice_fiscale": ["BNCLRA90A41H501F"], "nascita": ["01/01/1990"],
        "sostegni": ["no"], "privacy": ["si"], "_key": ["abc"], "_ts": ["1"], "sito_web": [""],
    ]

    static func validate(_ changes: [String: [String]], files: [String: UploadedFile] = [:]) -> FormValidation {
        form.validate(FormSubmission(values: minimal.merging(changes) { $1 }, files: files), now: now)
    }

    static func errors(_ changes: [String: [String]], files: [String: UploadedFile] = [:]) -> [FieldError] {
        if case .invalid(let errors) = validate(changes, files: files) { return errors }
        return []
    }

    static func application(_ changes: [String: [String]], files: [String: UploadedFile] = [:]) -> ValidatedApplication?
    {
        if case .valid(let application) = validate(changes, files: files) { return application }
        return nil
    }
}

@Suite("Validating a submission against its form")
struct FormValidationTests {
    @Test("a minimal valid submission gives typed answers and ignores the hidden keys")
    func minimal() throws {
        let application = try #require(FixtureForm.application([:]))
        #expect(application.formID == "prova")
        #expect(application.answers.map(\.name) == ["nome", "codice_fiscale", "nascita", "sostegni", "privacy"])
        #expect(application["nascita"] == .date("1990-01-01"))
        #expect(application["sostegni"] == .option("no"))
        #expect(application["privacy"] == .bool(true))
    }

    @Test("every typed value is normalised")
    func normalised() throws {
        let application = try #require(
            FixtureForm.application([
                "codice_fiscale": [" bnclra90a41h501f "], "email": ["maria@example.it"], "telefono": ["+39 049 123456"],
                "cap": ["00118"], "piva": ["IT00743110157"], "iban": ["it60 x054 2811 1010 0000 0123 456"],
                "affitto": ["1.500,75"], "superficie": ["12,5"], "giorni": ["martedi", "lunedi"], "domicilio": ["si"],
                "isee.importo": ["8.500"], "isee.dsu": ["inps-isee-2026-12345678a-00"],
                "note": ["riga uno\r\nriga due"],
            ]))
        #expect(application["codice_fiscale"] == .text("BNCLRA90A41H501F"))
        #expect(application["cap"] == .text("00118"))
        #expect(application["piva"] == .text("00743110157"))
        #expect(application["iban"] == .text("IT60X0542811101000000123456"))
        #expect(application["affitto"] == .cents(150_075))
        #expect(application["superficie"] == .number("12.5"))
        #expect(application["giorni"] == .options(["lunedi", "martedi"]))
        #expect(application["domicilio"] == .bool(true))
        #expect(application["isee"] == .isee(cents: 850_000, dsu: "INPS-ISEE-2026-12345678A-00"))
        #expect(application["note"] == .text("riga uno\nriga due"))
    }

    @Test("a missing required field says it is required, with its posted name and label")
    func required() {
        let errors = FixtureForm.errors(["nome": ["  "]])
        #expect(errors == [FieldError(.missing, name: "nome", label: "Nome", message: "Questo campo è obbligatorio.")])
    }

    @Test(
        "each invalid value gives one error on its own input",
        arguments: [
            ("codice_fiscale", "RSSMRA45D25F205X"), ("nascita", "31/02/1990"), ("nascita", "1990"),
            ("email", "maria@"), ("telefono", "049-ABC"), ("cap", "3501"), ("piva", "00743110158"),
            ("iban", "IT61X0542811101000000123456"), ("affitto", "1500,755"), ("affitto", "2500"),
            ("superficie", "5"), ("sostegni", "forse"), ("giorni", "domenica"),
            ("nome", String(repeating: "a", count: 21)),
        ])
    func invalidValue(name: String, value: String) {
        let errors = FixtureForm.errors([name: [value]])
        #expect(errors.map(\.name) == [name])
        #expect(errors.allSatisfy { !$0.message.isEmpty })
    }

    @Test(
        "e-mail addresses and phone numbers are accepted or refused as people write them",
        arguments: [
            ("email", "maria@example.it", true), ("email", "a.b+c@sub.example.co.uk", true), ("email", "maria@", false),
            ("email", "@example.it", false), ("email", "a@b", false), ("email", "a@b.c", false),
            ("email", "a b@c.it", false), ("email", "a@@b.it", false), ("email", "<a>@b.it", false),
            ("telefono", "+39 049 123456", true), ("telefono", "049/1234567", true),
            ("telefono", "(049) 123-4567", true),
            ("telefono", "049-ABC", false), ("telefono", "12345", false), ("telefono", "+", false),
            ("telefono", "++39123456789", false),
        ])
    func contacts(name: String, value: String, accepted: Bool) {
        #expect(FixtureForm.errors([name: [value]]).isEmpty == accepted)
    }

    @Test("a date after today is refused with today's date in the message")
    func futureDate() {
        let errors = FixtureForm.errors(["nascita": ["02/06/2026"]])
        #expect(errors.map(\.message) == ["La data non può essere dopo oggi (01/06/2026)."])
    }

    @Test(
        "a date of a year outside 1900–2100 is refused at its field with the years accepted",
        arguments: ["01/01/0001", "1899-12-31", "31/12/9999"])
    func yearOutOfRange(typed: String) {
        let errors = FixtureForm.errors(["nascita": [typed]])
        #expect(errors.map(\.name) == ["nascita"])
        #expect(
            errors.first?.message.hasSuffix("è fuori dagli anni accettati: scrivi un anno dal 1900 al 2100.") == true)
    }

    @Test("a hidden conditional field is neither required nor stored")
    func hiddenField() throws {
        let application = try #require(FixtureForm.application(["quali": ["Assegno di inclusione"]]))
        #expect(application["quali"] == nil)
        #expect(FixtureForm.errors(["sostegni": ["si"]]).map(\.name) == ["quali"])
        let shown = try #require(FixtureForm.application(["sostegni": ["si"], "quali": ["Assegno"]]))
        #expect(shown["quali"] == .text("Assegno"))
    }

    @Test("required consent must be ticked")
    func consent() {
        var values = FixtureForm.minimal
        values["privacy"] = nil
        guard
            case .invalid(let errors) = FixtureForm.form.validate(FormSubmission(values: values), now: FixtureForm.now)
        else {
            Issue.record("expected an error")
            return
        }
        #expect(errors.map(\.name) == ["privacy"])
    }

    @Test("ISEE needs both the amount and the DSU protocol, each with its own posted name")
    func isee() {
        #expect(FixtureForm.errors(["isee.importo": ["8500"]]).map(\.name) == ["isee.dsu"])
        #expect(FixtureForm.errors(["isee.dsu": ["INPS-ISEE-2026-12345678A-00"]]).map(\.name) == ["isee.importo"])
        #expect(
            FixtureForm.errors(["isee.importo": ["abc"], "isee.dsu": ["x"]]).map(\.name) == [
                "isee.importo", "isee.dsu",
            ])
    }

    @Test("group rows are validated by posted index, and empty rows are dropped")
    func groups() throws {
        let application = try #require(
            FixtureForm.application([
                "componenti.0.nome": ["Luca"], "componenti.0.codice_fiscale": ["RSSMRA45D25F205N"],
                "componenti.1.nome": [""], "componenti.1.codice_fiscale": [""],
                "componenti.2.nome": ["Anna"], "componenti.2.codice_fiscale": ["RCCMNL83S18D969H"],
            ]))
        guard case .rows(let rows) = application["componenti"] else {
            Issue.record("no rows")
            return
        }
        #expect(rows.count == 2)
        #expect(
            rows[1] == [
                Answer(name: "nome", value: .text("Anna")),
                Answer(name: "codice_fiscale", value: .text("RCCMNL83S18D969H")),
            ])
        let errors = FixtureForm.errors(["componenti.2.nome": ["Anna"]])
        #expect(errors.map(\.name) == ["componenti.2.codice_fiscale"])
        #expect(errors.first?.label == "Componente: 3 – Codice fiscale")
    }

    @Test("rows beyond the group's maximum are refused")
    func tooManyRows() {
        let errors = FixtureForm.errors([
            "componenti.3.nome": ["Extra"], "componenti.3.codice_fiscale": ["RSSMRA45D25F205N"],
        ])
        #expect(errors.map(\.name) == ["componenti"])
    }

    @Test("uploads are checked against the accepted types and the size limit")
    func files() throws {
        let pdf = UploadedFile(filename: "doc.pdf", detectedType: "application/pdf", size: 900, sha256: "00")
        let application = try #require(FixtureForm.application([:], files: ["documento": pdf]))
        #expect(application["documento"] == .file(pdf))
        #expect(application.files.map(\.name) == ["documento"])
        // Named as an accepted type but not one by its bytes: told it is not a valid file of that type (742ca8b);
        // named otherwise: told the types accepted.
        let notPDF = UploadedFile(filename: "doc.pdf", detectedType: nil, size: 900, sha256: "00")
        #expect(
            FixtureForm.errors([:], files: ["documento": notPDF]).map(\.message)
                == [
                    "Il file «doc.pdf» non è un PDF valido: forse è danneggiato o non è stato salvato per intero. "
                        + "Aprilo per controllare, salvalo (o scansionalo) di nuovo e allegalo."
                ])
        let exe = UploadedFile(filename: "setup.exe", detectedType: nil, size: 900, sha256: "00")
        #expect(
            FixtureForm.errors([:], files: ["documento": exe]).map(\.message)
                == ["Il file deve essere di tipo PDF, JPEG o PNG: quello che hai allegato non lo è."])
        let big = UploadedFile(filename: "doc.pdf", detectedType: "application/pdf", size: 1001, sha256: "00")
        #expect(FixtureForm.errors([:], files: ["documento": big]).map(\.name) == ["documento"])
        // Over the field's limit, the size is told first, naming the limit as it is (1000 bytes, not rounded up to
        // 1 KB): a file over the daemon's limit reaches validation without its bytes, so without a type.
        let bigUnread = UploadedFile(filename: "doc.pdf", detectedType: nil, size: 1001, sha256: "00")
        #expect(
            FixtureForm.errors([:], files: ["documento": bigUnread]).map(\.message)
                == [
                    "Il file supera 1000 byte: riducilo (per esempio una foto meno grande o un PDF a risoluzione più bassa) "
                        + "e allegalo di nuovo."
                ])
    }

    @Test("control characters are removed and single-line text stays on one line")
    func cleaning() throws {
        let application = try #require(FixtureForm.application(["nome": ["Ma\u{0}ria\nRossi"]]))
        #expect(application["nome"] == .text("Maria Rossi"))
    }

    @Test("answers survive a JSON round trip with their kinds")
    func json() throws {
        let application = try #require(
            FixtureForm.application([
                "affitto": ["10"], "componenti.0.nome": ["Luca"], "componenti.0.codice_fiscale": ["RSSMRA45D25F205N"],
                "isee.importo": ["1"], "isee.dsu": ["INPS-ISEE-2026-12345678A-00"], "giorni": ["lunedi"],
            ]))
        let data = try JSONEncoder().encode(application)
        #expect(try JSONDecoder().decode(ValidatedApplication.self, from: data) == application)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""name":"affitto""#) && text.contains(#""cents":1000"#))
    }
}
