import Foundation
import Testing

/// A service page without `conditions:` builds, but its "Condizioni di servizio" links no document and
/// AgID's checker misses `service-file` (C.SI.1.3): `piazza check` and `piazza build` warn at the front
/// matter, with the fix.
@Suite("A service without its conditions document")
struct ServiceConditionsCheckTests {
    static let warning =
        "vigonza/servizi/resta-al-passo.md:2:1: warning: the service has no `conditions`, so its \"Condizioni di "
        + "servizio\" section links no document and AgID's checker misses `service-file` (C.SI.1.3); put the "
        + "conditions PDF under static/ and add `conditions: static/NAME.pdf`"

    @Test("check warns at the first key of the front matter and names the fix; the other services pass")
    func warned() throws {
        let content = try copyOfDemoContent()
        let page = "vigonza/servizi/resta-al-passo.md"
        let text = try content.read(page)
        let without = text.replacingOccurrences(of: "conditions: static/condizioni-resta-al-passo.pdf\n", with: "")
        #expect(without != text)
        try content.write(page, without)
        #expect(try audit(content) == [Self.warning])
    }
}
