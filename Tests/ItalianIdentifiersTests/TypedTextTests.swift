import Foundation
import ItalianIdentifiers
import Testing

@Suite("TypedText: one normalisation for everything typed or pasted")
struct TypedTextTests {
    @Test(
        "invisible, control and bidi characters are removed, spaces unified, text in NFC and trimmed",
        arguments: [
            ("\u{FEFF}IT60\u{200B}X054", false, "IT60X054"),
            ("Ma\u{00AD}ria\u{2060}\u{2061}\u{2062}\u{2063}\u{2064}", false, "Maria"),
            ("a\u{200C}b\u{200E}c\u{200F}d\u{034F}e\u{180E}f", false, "abcdef"),
            ("abc\u{202E}fdp.exe", false, "abcfdp.exe"),
            ("\u{202A}\u{202B}\u{202C}\u{202D}\u{2066}\u{2067}\u{2068}\u{2069}x", false, "x"),
            ("Via\u{00A0}Roma\u{202F}1\u{3000}\u{2009}b", false, "Via Roma 1  b"),
            ("Ma\u{0}ria\u{7F}\u{80}\u{9F}\u{1B}", false, "Maria"),
            (
                "riga uno\r\nriga\tdue\rtre\u{85}quattro\u{2028}cinque\u{2029}sei", true,
                "riga uno\nriga due\ntre\nquattro\ncinque\nsei"
            ),
            ("riga uno\r\nriga due", false, "riga uno riga due"),
            (" \u{200B}\n Maria \u{FEFF}\n ", true, "Maria"),
            ("Jose\u{301}", false, "Jos\u{E9}"),
            ("\u{E0041}\u{FE00}x\u{FE0F}", false, "x"),
            ("a\u{200D}b", false, "ab"),
        ])
    func normalisation(input: String, multiline: Bool, expected: String) {
        let output = TypedText.normalized(input, multiline: multiline)
        #expect(Array(output.unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test(
        "emoji sequences keep their joiners and variation selectors",
        arguments: [
            "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", "\u{2764}\u{FE0F}", "\u{1F44D}\u{1F3FD}",
            "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}", "\u{1F469}\u{1F3FD}\u{200D}\u{1F4BB}",
        ])
    func emoji(sequence: String) {
        let text = "ok " + sequence
        #expect(Array(TypedText.normalized(text).unicodeScalars) == Array(text.unicodeScalars))
    }

    static let lengthVectors: [(text: String, limit: Int, code: IdentifierError.Code?)] = {
        let family = "\u{1F468}\u{1F3FD}\u{200D}\u{1F469}\u{1F3FD}\u{200D}\u{1F467}"
        let accent = "\u{301}"
        return [
            (String(repeating: "à", count: 20), 20, nil),
            (String(repeating: "a", count: 21), 20, .length),
            ("a" + String(repeating: accent, count: 1_500_000), 20, .format),
            ("Ma" + String(repeating: accent, count: 10) + "ria", 20, .format),
            ("Ma" + String(repeating: accent, count: 9) + "ria", 20, nil),  // NFC: á and 8 marks
            ("Ti\u{1EC7}ng Vi\u{1EC7}t \u{5E9}\u{5C1}\u{5B8}\u{591}", 20, nil),
            (String(repeating: "\u{1F468}\u{200D}", count: 40) + "\u{1F468}", 20, .length),
            (String(repeating: family, count: 2), 5, nil),
            (String(repeating: family, count: 5), 5, .length),
        ]
    }()

    @Test("a length limit bounds characters, marks per character and stored scalars", arguments: lengthVectors)
    func length(text: String, limit: Int, code: IdentifierError.Code?) {
        var thrown: IdentifierError.Code?
        do { try TypedText.checkLength(TypedText.normalized(text), limit: limit) } catch { thrown = error.code }
        #expect(thrown == code)
    }

    @Test("a character with too many marks is named by its position")
    func markPosition() {
        let text = "Ma" + String(repeating: "\u{301}", count: 12) + "ria"
        let error = #expect(throws: IdentifierError.self) { try TypedText.checkLength(text, limit: 20) }
        #expect(
            error?.message == "Il 2° carattere ha 12 accenti o segni sovrapposti: ne sono ammessi al massimo 8. "
                + "Riscrivilo senza i segni in più.")
    }

    static let invisible = [
        "\u{200B}", "\u{FEFF}", "\u{00AD}", "\u{2060}", "\u{200E}", "\u{202E}", "\u{FE0F}", "\u{200D}", "\u{E0020}",
    ]

    /// Pastes `invisible` at the start, between every character and at the end of `text`.
    static func pasted(_ text: String, with invisible: String) -> String {
        invisible + text.map { String($0) + invisible }.joined()
    }

    @Test(
        "every identifier, number, amount and date accepts a pasted value full of invisible characters",
        arguments: invisible)
    func identifiers(invisible: String) throws {
        func paste(_ text: String) -> String { Self.pasted(text, with: invisible) }
        let today = Reference.today
        #expect(try CodiceFiscale(paste("RSSMRA45D25F205N"), referenceDate: today).value == "RSSMRA45D25F205N")
        #expect(try FiscalCode(paste("00743110157"), referenceDate: today).value == "00743110157")
        #expect(try PartitaIVA(paste("IT 00743110157")).value == "00743110157")
        #expect(try IBAN(paste("IT60 X054 2811 1010 0000 0123 456")).value == "IT60X0542811101000000123456")
        #expect(try CAP(paste("00118")).value == "00118")
        #expect(try DSUProtocol(paste("INPS-ISEE-2024-12345678A-00")).value == "INPS-ISEE-2024-12345678A-00")
        #expect(try Money(paste("€\u{00A0}1.500,75")).cents == 150_075)
        #expect(try ItalianNumber.parse(paste("-12,345")) == Decimal(string: "-12.345"))
        #expect(try ItalianDate(paste("31/12/1980")).iso == "1980-12-31")
    }

    @Test(
        "non-breaking and other Unicode spaces count as spaces in identifiers",
        arguments: ["\u{00A0}", "\u{202F}", "\u{2007}", "\u{3000}", "\t"])
    func spaces(space: String) throws {
        #expect(
            try IBAN("IT60\(space)X054\(space)2811\(space)1010\(space)0000\(space)0123\(space)456").value
                == "IT60X0542811101000000123456")
        #expect(try CAP("\(space)00118\(space)").value == "00118")
        #expect(try Money("1.500,75\(space)€").cents == 150_075)
    }

    @Test(
        "identifiers read full-width forms as ASCII, digits by value, dashes as '-', one space for a run of spaces",
        arguments: [
            ("\u{FF29}\u{FF2E}\u{FF30}\u{FF33}\u{FF0D}\u{FF49}\u{FF53}\u{FF45}\u{FF45}", "INPS-isee"),
            ("\u{FF0B}\u{FF13}\u{FF19} \u{FF10}\u{FF14}\u{FF19}", "+39 049"),
            ("\u{FF4D}\u{FF41}\u{FF52}\u{FF49}\u{FF4F}\u{FF20}\u{FF45}\u{FF58}\u{FF0E}\u{FF49}\u{FF54}", "mario@ex.it"),
            ("\u{0660}\u{0661}\u{0662}\u{0663}\u{0664}\u{0665}\u{0666}\u{0667}\u{0668}\u{0669}", "0123456789"),
            ("\u{06F0}\u{06F9}", "09"), ("\u{0966}\u{096F}", "09"), ("\u{1D7CE}\u{1D7D7}", "09"),
            ("\u{09E6}\u{0E59}\u{FF10}", "090"),
            ("12\u{2010}3\u{2011}4\u{2013}5\u{2014}6\u{2212}7\u{FE63}8\u{FF0D}9\u{301C}0", "12-3-4-5-6-7-8-9-0"),
            ("+39\u{00A0} 049\u{202F}\u{2009}123  4567", "+39 049 123 4567"),
            ("\u{200B}\u{00A0}00118\u{00A0}", "00118"),
            // No look-alike folding: Cyrillic and Greek letters, superscript and circled digits stay.
            ("\u{0420}SSMRA\u{0391}", "\u{0420}SSMRA\u{0391}"), ("\u{00B2}\u{2460}", "\u{00B2}\u{2460}"),
        ])
    func identifierReading(input: String, expected: String) {
        #expect(Array(TypedText.identifier(input).unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test("free text keeps full-width forms, other digits, dashes and runs of spaces")
    func freeTextUnchanged() {
        let text = "Via \u{FF11}\u{0662} \u{2013} scala  B"
        #expect(TypedText.normalized(text) == text)
    }

    @Test("every identifier, number, amount and date accepts full-width and other decimal digits")
    func widthAndDigits() throws {
        /// `text` with the scalars in `range` moved by `offset` (to full width, or to the digits of another script).
        func shifted(_ range: ClosedRange<Unicode.Scalar>, by offset: UInt32) -> (String) -> String {
            { text in
                let scalars = text.unicodeScalars.map { range.contains($0) ? Unicode.Scalar($0.value + offset)! : $0 }
                return String(String.UnicodeScalarView(scalars))
            }
        }
        let wide = shifted("!"..."~", by: 0xFEE0)
        let arabic = shifted("0"..."9", by: 0x0660 - 0x30)
        let devanagari = shifted("0"..."9", by: 0x0966 - 0x30)
        let today = Reference.today
        for write in [wide, arabic, devanagari] {
            #expect(try CodiceFiscale(write("RSSMRA45D25F205N"), referenceDate: today).value == "RSSMRA45D25F205N")
            #expect(try FiscalCode(write("00743110157"), referenceDate: today).value == "00743110157")
            #expect(try PartitaIVA(write("IT 00743110157")).value == "00743110157")
            #expect(try IBAN(write("IT60 X054 2811 1010 0000 0123 456")).value == "IT60X0542811101000000123456")
            #expect(try CAP(write("00118")).value == "00118")
            #expect(try DSUProtocol(write("INPS-ISEE-2024-12345678A-00")).value == "INPS-ISEE-2024-12345678A-00")
            #expect(try Money(write("1.500,75")).cents == 150_075)
            #expect(try ItalianNumber.parse(write("-12,345")) == Decimal(string: "-12.345"))
            #expect(try ItalianDate(write("31/12/1980")).iso == "1980-12-31")
        }
    }

    @Test(
        "look-alike letters and digits that are not decimal digits are still refused",
        arguments: [
            ("\u{0420}SSMRA45D25F205N", "Il codice fiscale può contenere solo lettere (senza accenti) e cifre."),
            ("RSSMR\u{0391}45D25F205N", "Il codice fiscale può contenere solo lettere (senza accenti) e cifre."),
            ("RSSMRA\u{2074}5D25F205N", "Il codice fiscale può contenere solo lettere (senza accenti) e cifre."),
        ])
    func lookAlikes(input: String, message: String) {
        let error = #expect(throws: IdentifierError.self) { try CodiceFiscale(input, referenceDate: Reference.today) }
        #expect(error?.message == message)
    }

    @Test("a codice fiscale with a zero-width space counts 16 characters, not 17")
    func zeroWidthLength() {
        let error = #expect(throws: IdentifierError.self) {
            try CodiceFiscale("RSSMRA45D25F205\u{200B}", referenceDate: Reference.today)
        }
        #expect(error?.message == "Il codice fiscale deve avere 16 caratteri: ne hai inseriti 15.")
    }
}
