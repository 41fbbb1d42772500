import ItalianIdentifiers
import Testing

@Suite("IdentifierError")
struct IdentifierErrorTests {
    @Test("The description is the Italian message shown to the citizen")
    func descriptionIsMessage() {
        let error = IdentifierError(code: .length, message: "Il codice fiscale deve avere 16 caratteri.")
        #expect(error.description == "Il codice fiscale deve avere 16 caratteri.")
        #expect(String(describing: error) == error.message)
    }

    @Test("Error codes have stable raw values")
    func stableRawValues() {
        #expect(
            IdentifierError.Code.allCases.map(\.rawValue) == [
                "empty", "length", "format", "checkCharacter", "date", "officeCode", "country", "checksum", "cin",
                "range", "negative",
            ]
        )
    }

    @Test("Errors with the same code and message are equal")
    func equality() {
        #expect(IdentifierError(code: .cin, message: "x") == IdentifierError(code: .cin, message: "x"))
        #expect(IdentifierError(code: .cin, message: "x") != IdentifierError(code: .checksum, message: "x"))
    }

    @Test("Every validation error carries a non-empty Italian message", arguments: ["", "X", "€€", "1/2"])
    func messagesAreNeverEmpty(input: String) {
        var errors: [IdentifierError] = []
        do { _ = try CodiceFiscale(input, referenceDate: Reference.today) } catch { errors.append(error) }
        do { _ = try PartitaIVA(input) } catch { errors.append(error) }
        do { _ = try IBAN(input) } catch { errors.append(error) }
        do { _ = try CAP(input) } catch { errors.append(error) }
        do { _ = try DSUProtocol(input) } catch { errors.append(error) }
        do { _ = try Money(input) } catch { errors.append(error) }
        do { _ = try ItalianDate(input) } catch { errors.append(error) }
        do { _ = try ItalianNumber(input) } catch { errors.append(error) }
        #expect(errors.count == 8)
        for error in errors {
            #expect(!error.message.isEmpty)
            #expect(error.message.hasSuffix("."))
        }
    }
}
