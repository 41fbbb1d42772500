import Foundation
import PiazzaContent
import Testing

@Suite("A catalogue facet value outside its fixed set fails at its file and line")
struct FacetValueErrorTests {
    @Test(
        "an unknown category, audience, price or provider names the file, line and column and the allowed values",
        arguments: [
            (
                "category: Educazione e formazione", "category: Sport", 4, 11,
                "`category` 'Sport' is not a service category"
            ),
            ("audience: [famiglie]", "audience: [famiglie, bambini]", 8, 11, "audience 'bambini' is unknown; use: "),
            ("price: gratuito", "price: gratis", 7, 8, "`price` in service front matter is 'gratis'; use one of: "),
            (
                "provider: comune", "provider: regione", 10, 11,
                "`provider` in service front matter is 'regione'; use one of: "
            ),
        ])
    func unknownValue(field: String, written: String, line: Int, column: Int, message: String) throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/servizi/prova.md",
            serviceFrontMatter.replacingOccurrences(of: field, with: written) + serviceBody())
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.file == "alfa/servizi/prova.md")
        #expect(diagnostic.line == line)
        #expect(diagnostic.column == column)
        #expect(diagnostic.message.hasPrefix(message), "\(diagnostic.message)")
    }

    @Test(
        "the channel facet follows `access`: online for a link, form or booking, sportello for a place",
        arguments: [
            ("  place: Municipio", [ServiceInfo.Channel.sportello]),
            ("  online: https://example.org/servizio", [.online]),
            ("  online: https://example.org/servizio\n  place: Municipio", [.online, .sportello]),
        ])
    func channels(access: String, expected: [ServiceInfo.Channel]) throws {
        let content = try ContentFixture()
        try content.write(
            "alfa/servizi/prova.md",
            serviceFrontMatter.replacingOccurrences(of: "  place: Municipio", with: access) + serviceBody())
        let portal = try #require(try content.load().portal("alfa"))
        #expect(portal.page(id: "servizi/prova.md")?.service?.channels == expected)
    }
}
