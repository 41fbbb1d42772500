import Testing

@testable import PiazzaContent

@Suite("PostalAddress: the one-line Italian address split for schema.org")
struct PostalAddressTests {
    @Test(
        "street, CAP, locality and province are read",
        arguments: [
            ("Via Esempio 1, 35010 Vigonza (PD)", "Via Esempio 1", "35010", "Vigonza", "PD"),
            ("Piazza Cima 8, 31015 Conegliano", "Piazza Cima 8", "31015", "Conegliano", nil),
            ("Località Prà, Via Alta 3, 00118 Roma (RM)", "Località Prà, Via Alta 3", "00118", "Roma", "RM"),
        ] as [(String, String, String, String, String?)])
    func reads(text: String, street: String, cap: String, locality: String, region: String?) throws {
        let address = try #require(PostalAddress(parsing: text))
        #expect(address.streetAddress == street)
        #expect(address.postalCode == cap)
        #expect(address.addressLocality == locality)
        #expect(address.addressRegion == region)
    }

    @Test(
        "an address without a comma, a 5-digit CAP or a locality is not read",
        arguments: ["Via Esempio 1 Vigonza", "Via Esempio 1, 3501 Vigonza", "Via Esempio 1, 35010", ", 35010 Vigonza"])
    func rejects(text: String) {
        #expect(PostalAddress(parsing: text) == nil)
    }
}
