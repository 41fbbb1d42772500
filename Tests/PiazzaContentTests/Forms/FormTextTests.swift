import Foundation
import Testing

@testable import PiazzaContent

@Suite("Typed text in form fields: normalised once, bounded, shown the Italian way")
struct FormTextTests {
    static let marks = String(repeating: "\u{301}", count: 1_500_000)
    static let row: [String: [String]] = ["componenti.0.codice_fiscale": ["RSSMRA45D25F205N"]]

    @Test(
        "a value over its field's bound in characters, marks per character or scalars gives one error on its input",
        arguments: [
            ("nome", "a" + marks), ("nome", "Ma" + String(repeating: "\u{301}", count: 10) + "ria"),
            ("nome", String(repeating: "\u{1F468}\u{200D}", count: 50) + "\u{1F468}"),
            ("note", "a" + String(repeating: "\u{301}\u{302}", count: 10_000)),
            ("note", String(repeating: "è", count: 51)),
            ("quali", String(repeating: "x", count: 201)),
            ("email", String(repeating: "a", count: 250) + "@example.it"),
            ("telefono", "049" + String(repeating: " ", count: 200) + "1234567"),
            ("cap", String(repeating: "0", count: 101)), ("isee.dsu", String(repeating: "I", count: 101)),
            ("componenti.0.nome", "a" + String(repeating: "\u{301}", count: 1000)),
        ])
    func bounds(name: String, value: String) {
        var changes = Self.row
        changes[name] = [value]
        changes["sostegni"] = ["si"]
        changes["quali"] = changes["quali"] ?? ["Assegno"]
        changes["componenti.0.nome"] = changes["componenti.0.nome"] ?? ["Luca"]
        if name == "isee.dsu" { changes["isee.importo"] = ["100"] }
        #expect(FixtureForm.errors(changes).map(\.name) == [name])
    }

    @Test("the messages say which limit was passed and where (marks counted after NFC: a + U+0301 is á)")
    func messages() {
        #expect(
            FixtureForm.errors(["nome": ["a" + String(repeating: "\u{301}", count: 100)]]).map(\.message) == [
                "Il 1° carattere ha 99 accenti o segni sovrapposti: ne sono ammessi al massimo 8. "
                    + "Riscrivilo senza i segni in più."
            ])
        #expect(
            FixtureForm.errors(["nome": [String(repeating: "é", count: 21)]]).map(\.message) == [
                "Puoi scrivere al massimo 20 caratteri: ne hai scritti 21. "
                    + "Nel campo è rimasto solo l'inizio: controllalo prima di inviare di nuovo il modulo."
            ])
        // Over 4 bytes × 4 scalars × 20 characters: too long, unread.
        #expect(
            FixtureForm.errors(["nome": ["a" + Self.marks]]).map(\.message) == [
                "Puoi scrivere al massimo 20 caratteri: il testo inviato è molto più lungo. "
                    + "Nel campo è rimasto solo l'inizio: controllalo prima di inviare di nuovo il modulo."
            ])
    }

    @Test("pasted identifiers and contacts with invisible characters are accepted and stored normalised")
    func pasted() throws {
        let application = try #require(
            FixtureForm.application([
                "iban": ["\u{FEFF}IT60\u{200B}X054\u{200B}2811\u{200B}1010\u{200B}0000\u{200B}0123\u{200B}456"],
                "codice_fiscale": ["BNCLRA90A41H501F\u{200B}"], "piva": ["\u{2060}00743110157\u{00AD}"],
                "cap": ["\u{200E}00118"], "nascita": ["01/01/1990\u{FEFF}"],
                "email": ["ma\u{80}ria\u{200B}@example.it"], "telefono": ["+39\u{00A0}049\u{202F}123456"],
                "affitto": ["1.500,75\u{00A0}€"], "superficie": ["12,5\u{200B}"], "sostegni": ["no\u{200B}"],
                "isee.importo": ["8.500\u{200B}"], "isee.dsu": ["\u{FEFF}INPS-ISEE-2026-12345678A-00"],
            ]))
        #expect(application["iban"] == .text("IT60X0542811101000000123456"))
        #expect(application["codice_fiscale"] == .text("BNCLRA90A41H501F"))
        #expect(application["piva"] == .text("00743110157"))
        #expect(application["cap"] == .text("00118"))
        #expect(application["nascita"] == .date("1990-01-01"))
        #expect(application["email"] == .text("maria@example.it"))
        #expect(application["telefono"] == .text("+39 049 123456"))
        #expect(application["affitto"] == .cents(150_075))
        #expect(application["superficie"] == .number("12.5"))
        #expect(application["sostegni"] == .option("no"))
        #expect(application["isee"] == .isee(cents: 850_000, dsu: "INPS-ISEE-2026-12345678A-00"))
    }

    @Test("free text loses controls, bidi overrides and zero-width characters, keeps emoji, and is stored in NFC")
    func freeText() throws {
        let application = try #require(
            FixtureForm.application([
                "nome": ["\u{202E}Jose\u{301}\u{200B} \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{9F}"],
                "note": ["riga\u{2028}due\u{2066}\r\ntre\u{0}"],
            ]))
        #expect(application["nome"] == .text("Jos\u{E9} \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"))
        #expect(application["note"] == .text("riga\ndue\ntre"))
    }

    @Test("a value made only of invisible characters is blank")
    func blank() {
        let errors = FixtureForm.errors(["nome": ["\u{200B}\u{FEFF}\u{00A0}"]])
        #expect(errors.map(\.message) == ["Questo campo è obbligatorio."])
    }

    @Test("an upload's name is normalised like typed text and bounded to 255 characters")
    func fileNames() throws {
        let pdf = UploadedFile(
            filename: "ricevuta\u{202E}fdp.pdf\u{200B}", detectedType: "application/pdf", size: 900, sha256: "00")
        let application = try #require(FixtureForm.application([:], files: ["documento": pdf]))
        guard case .file(let stored) = application["documento"] else {
            Issue.record("no file answer")
            return
        }
        #expect(stored.filename == "ricevutafdp.pdf")
        #expect(application.files.map(\.file.filename) == ["ricevutafdp.pdf"])
        var long = pdf
        long.filename = String(repeating: "a", count: 252) + ".pdf"
        #expect(
            FixtureForm.errors([:], files: ["documento": long]).map(\.message) == [
                "Il nome del file è troppo lungo: rinomina il file con un nome più breve e allegalo di nuovo."
            ])
    }

    static let numberForm: FormDefinition = {
        let yaml = """
            title: Quote
            description: Un modulo con decimali.
            opens: 2026-01-01 09:00
            closes: 2026-12-31 12:00
            privacy: privacy.md
            retention_years: 5
            sections:
              - title: Quota
                fields:
                  - { name: quota, type: number, label: Quota, required: true, min: 0.5, max: 1.125 }
                  - { name: superficie, type: number, label: Superficie, min: 1000.5 }
            """
        let sink = DiagnosticSink()
        return FormDefinition.load(id: "quote", source: "t/forms/quote.yaml", text: yaml, sink: sink)!
    }()

    @Test(
        "bounds with decimals are announced with a decimal comma",
        arguments: [
            (["quota": ["2"]], "Il numero non può superare 1,125."),
            (["quota": ["0,1"]], "Il numero deve essere almeno 0,5."),
            (["quota": ["1"], "superficie": ["1000"]], "Il numero deve essere almeno 1.000,5."),
        ])
    func numberBounds(values: [String: [String]], message: String) {
        guard case .invalid(let errors) = Self.numberForm.validate(FormSubmission(values: values), now: FixtureForm.now)
        else {
            Issue.record("expected an error")
            return
        }
        #expect(errors.map(\.message) == [message])
    }

    @Test(
        "phone numbers and e-mail addresses are read like identifiers: full-width, other digits, dashes, spaces",
        arguments: [
            ("telefono", "+39\u{00A0} 049\u{202F}\u{2009}123456", "+39 049 123456"),
            ("telefono", "049\u{2011}123\u{2013}456", "049-123-456"),
            ("telefono", "\u{FF0B}\u{FF13}\u{FF19} \u{FF10}\u{FF14}\u{FF19} 123456", "+39 049 123456"),
            ("telefono", "\u{0663}\u{0669}\u{0660} \u{0661}\u{0662}\u{0663}\u{0664}\u{0665}\u{0666}", "390 123456"),
            ("email", "\u{FF4D}\u{FF41}\u{FF52}\u{FF49}\u{FF41}\u{FF20}example\u{FF0E}it", "maria@example.it"),
        ])
    func contacts(name: String, typed: String, stored: String) throws {
        let application = try #require(FixtureForm.application([name: [typed]]))
        #expect(application[name] == .text(stored))
    }

    @Test(
        "stored answers are shown the Italian way, never re-read as Italian input",
        arguments: [
            (AnswerValue.number("12.345"), "12,345"), (.number("1234.5"), "1.234,5"), (.number("12345"), "12.345"),
            (.number("-0.5"), "-0,5"), (.cents(150_075), "1.500,75 €"), (.date("2026-02-01"), "01/02/2026"),
            (.isee(cents: 850_000, dsu: "INPS-ISEE-2026-1A-00"), "8.500,00 € – protocollo DSU INPS-ISEE-2026-1A-00"),
            (.option("no"), "no"), (.bool(true), "Sì"),
        ])
    func display(value: AnswerValue, text: String) {
        #expect(value.italianText(field: nil) == text)
    }

    @Test("a number typed with three decimals is stored exactly and shown as typed")
    func threeDecimals() throws {
        let application = try #require(FixtureForm.application(["superficie": ["12,345"]]))
        #expect(application["superficie"] == .number("12.345"))
        #expect(application["superficie"]?.italianText(field: nil) == "12,345")
    }
}
