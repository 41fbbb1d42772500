import Foundation
import ItalianIdentifiers
import Testing

@Suite("TextIdentifier")
struct TextIdentifierTests {
    /// Checks `parse`, `isValid` and the string `Codable` conformance of any text identifier.
    private func checkRoundTrip<T: TextIdentifier & Equatable>(
        _ type: T.Type, valid: String, normalized: String, invalid: String
    ) throws {
        let parsed = try T.parse(valid)
        #expect(parsed.normalizedText == normalized)
        #expect(T.isValid(valid))
        #expect(!T.isValid(invalid))
        #expect(throws: IdentifierError.self) { _ = try T.parse(invalid) }

        let data = try JSONEncoder().encode([parsed])
        #expect(String(decoding: data, as: UTF8.self) == "[\"\(normalized)\"]")
        #expect(try JSONDecoder().decode([T].self, from: data) == [parsed])
        let error = #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode([T].self, from: Data("[\"\(invalid)\"]".utf8))
        }
        guard case .dataCorrupted(let context)? = error else {
            Issue.record("expected DecodingError.dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect(context.debugDescription == errorMessage(T.self, invalid))
    }

    private func errorMessage<T: TextIdentifier>(_ type: T.Type, _ text: String) -> String {
        do {
            _ = try T(text)
            return "(no error)"
        } catch {
            return error.message
        }
    }

    @Test("Every conforming type parses, validates and encodes as a single string")
    func conformingTypes() throws {
        try checkRoundTrip(CAP.self, valid: " 00118 ", normalized: "00118", invalid: "0011")
        try checkRoundTrip(
            DSUProtocol.self, valid: "inps-isee-2024-12345678a-00", normalized: "INPS-ISEE-2024-12345678A-00",
            invalid: "INPS-ISEE-24-12345678A-00")
        try checkRoundTrip(
            IBAN.self, valid: "it60 x054 2811 1010 0000 0123 456", normalized: "IT60X0542811101000000123456",
            invalid: "IT60X0542811101000000123457")
        try checkRoundTrip(PartitaIVA.self, valid: "IT 00743110157", normalized: "00743110157", invalid: "00743110158")
        try checkRoundTrip(ItalianDate.self, valid: "29/02/2024", normalized: "2024-02-29", invalid: "29/02/2023")
        try checkRoundTrip(
            CodiceFiscale.self, valid: "rssmra45d25f205n", normalized: "RSSMRA45D25F205N", invalid: "RSSMRA45D25F205X")
    }

    @Test("Without a reference date a codice fiscale is read relative to today")
    func codiceFiscaleDefaultsToToday() throws {
        let today = ItalianDate.today()
        let code = "RSSMRA45D25F205N"
        #expect(try CodiceFiscale(code) == CodiceFiscale(code, referenceDate: today))
        #expect(try CodiceFiscale.parse(code).birthDate == CodiceFiscale(code, referenceDate: today).birthDate)
        #expect(CodiceFiscale.isValid(code))
    }
}
