import Testing

@testable import PiazzaContent

/// A comune's `lat`/`lon` in portal.yaml: the municipio's place, for the distance of a shop from the
/// household's comune.
@Suite("The comune's place in portal.yaml")
struct ComuneLocationTests {
    static let comune = "  - { name: Alfa, istat: \"028100\", province: PD }\n"

    /// The fixture's portal.yaml with its comune written `comune` and `area` appended.
    static func content(comune: String) throws -> ContentFixture {
        let content = try ContentFixture()
        let config = try content.read("alfa/portal.yaml")
        try content.write(
            "alfa/portal.yaml",
            config.replacingOccurrences(of: Self.comune, with: comune)
                + "area: { south: 45.38, west: 11.80, north: 45.46, east: 11.93 }\n")
        return content
    }

    @Test("lat and lon inside the area give the comune's place")
    func reads() throws {
        let content = try Self.content(
            comune: "  - { name: Alfa, istat: \"028100\", province: PD, lat: 45.4431, lon: 11.9 }\n")
        let comune = try #require(try content.load().portal("alfa")?.config.comuni.first)
        let location = try #require(comune.location)
        #expect(abs(location.latitude - 45.4431) < 1e-9 && abs(location.longitude - 11.9) < 1e-9)
    }

    @Test(
        "a place outside the area, half a place or a number that is not degrees is an error at it",
        arguments: [
            (
                "lat: 45.8871, lon: 12.2968",
                "alfa/portal.yaml:3:55: error: `lat`, `lon` (45.8871, 12.2968) are outside `area` (south 45.38, west 11.8, "
                    + "north 45.46, east 11.93); check the coordinates (lat first, then lon)"
            ),
            (
                "lat: 45.44",
                "alfa/portal.yaml:3:55: error: a comune's position needs both `lat` and `lon` (decimal degrees of the municipio)"
            ),
            ("lat: 45.44, lon: nord", "alfa/portal.yaml:3:67: error: `lon` must be decimal degrees like 45.41"),
        ])
    func refuses(place: String, problem: String) throws {
        let content = try Self.content(comune: "  - { name: Alfa, istat: \"028100\", province: PD, \(place) }\n")
        #expect(content.diagnostics().map(\.description) == [problem])
    }
}
