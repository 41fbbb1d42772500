import ItalianIdentifiers
import Testing

@Suite("CAP")
struct CAPTests {
    @Test(
        "Five digits are accepted and leading zeros kept",
        arguments: [
            ("00118", "00118"), (" 20121 ", "20121"), ("98168", "98168"), ("00010", "00010"), ("２0121", "20121"),
        ]
    )
    func validCodes(input: String, value: String) throws {
        let cap = try CAP(input)
        #expect(cap.value == value)
        #expect(cap.description == value)
        #expect(CAP.isValid(input))
    }

    @Test(
        "Anything other than five digits is rejected",
        arguments: [
            ("", IdentifierError.Code.empty), ("  ", .empty), ("118", .length), ("0118", .length),
            ("001180", .length), ("00l18", .format), ("20 121", .format), ("I-20121", .format), ("２⁰121", .format),
        ]
    )
    func invalidCodes(input: String, code: IdentifierError.Code) {
        let error = #expect(throws: IdentifierError.self) { _ = try CAP(input) }
        #expect(error?.code == code)
    }

    @Test("A short code reminds the citizen to type the leading zero")
    func leadingZeroHint() {
        let error = #expect(throws: IdentifierError.self) { _ = try CAP("118") }
        #expect(error?.message.contains("zero") == true)
    }

    @Test("Codes sort as text")
    func ordering() throws {
        #expect(try CAP("00118") < CAP("20121"))
    }
}
