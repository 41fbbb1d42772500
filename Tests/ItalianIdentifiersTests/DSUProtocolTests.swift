import ItalianIdentifiers
import Testing

@Suite("DSUProtocol")
struct DSUProtocolTests {
    @Test(
        "Protocol numbers are accepted and normalised to uppercase",
        arguments: [
            ("INPS-ISEE-2024-12345678A-00", "INPS-ISEE-2024-12345678A-00", 2024),
            ("  inps-isee-2023-abcdefghi-01  ", "INPS-ISEE-2023-ABCDEFGHI-01", 2023),
            ("INPS-ISEE-2025-000000001-99", "INPS-ISEE-2025-000000001-99", 2025),
        ]
    )
    func validProtocols(input: String, value: String, year: Int) throws {
        let dsu = try DSUProtocol(input)
        #expect(dsu.value == value)
        #expect(dsu.year == year)
        #expect(DSUProtocol.isValid(input))
    }

    @Test(
        "a protocol typed or pasted with any Unicode dash is read with hyphens",
        arguments: [
            "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}", "\u{FE63}", "\u{FF0D}",
            "\u{FE58}", "\u{2E3A}",
        ]
    )
    func dashes(dash: String) throws {
        let typed = ["inps", "isee", "2024", "12345678a", "00"].joined(separator: dash)
        #expect(try DSUProtocol(typed).value == "INPS-ISEE-2024-12345678A-00")
    }

    @Test("The identifier and the progressive number are exposed")
    func components() throws {
        let dsu = try DSUProtocol.parse("INPS-ISEE-2024-12345678A-07")
        #expect(dsu.identifier == "12345678A")
        #expect(dsu.progressive == "07")
        #expect(dsu.description == "INPS-ISEE-2024-12345678A-07")
    }

    @Test(
        "Malformed protocol numbers are rejected",
        arguments: [
            ("", IdentifierError.Code.empty),
            ("INPS-ISEE-24-12345678A-00", .format),
            ("INPS-ISEE-2024-12345678-00", .format),
            ("INPS-ISEE-2024-12345678AB-00", .format),
            ("INPS-ISEE-2024-12345678A-0", .format),
            ("INPS-ISEE-2024-12345678A-0A", .format),
            ("INPS ISEE 2024 12345678A 00", .format),
            ("INPS-ISE-2024-12345678A-00", .format),
            ("INPS-ISEE-2024-1234567_A-00", .format),
            ("ISEE-2024-12345678A-00", .format),
        ]
    )
    func invalidProtocols(input: String, code: IdentifierError.Code) {
        let error = #expect(throws: IdentifierError.self) { _ = try DSUProtocol(input) }
        #expect(error?.code == code)
    }
}
