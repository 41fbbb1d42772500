import PiazzaContent
import Testing

@Suite("Opening hours as operators write them, as schema.org reads them")
struct OpeningHoursTests {
    @Test(
        "the written form gives one schema.org value per time range",
        arguments: [
            ("lun-sab 8-13 e 16-19:30; dom 9-13", ["Mo-Sa 08:00-13:00", "Mo-Sa 16:00-19:30", "Su 09:00-13:00"]),
            ("mar-dom 6:30-13", ["Tu-Su 06:30-13:00"]),
            ("lun,mer,ven 8.30-12.30", ["Mo,We,Fr 08:30-12:30"]),
            ("Lun-Ven 9-12, 15-18", ["Mo-Fr 09:00-12:00", "Mo-Fr 15:00-18:00"]),
            ("dom 0-24", ["Su 00:00-24:00"]),
        ])
    func valid(text: String, schemaOrg: [String]) throws {
        let hours = try #require(OpeningHours(text))
        #expect(hours.schemaOrg == schemaOrg)
        #expect(hours.text == text)
    }

    @Test(
        "anything else is refused",
        arguments: [
            "dalle 8 alle 13", "lun-sab", "lunedì 8-13", "lun-sab 8-25", "lun-sab 8:7-13", "lun-sab 24:30-1",
            "lun-sab 8-13;", "lun--sab 8-13", "lun-sab 8-13 e", "", "lun-sab ８-13",
        ])
    func invalid(text: String) {
        #expect(OpeningHours(text) == nil)
    }
}
