import Foundation
import PiazzaContent
import PiazzaSite
import Testing

/// A measure's `opens:` and `closes:` are checked against its form's, the window the portal uses (finding 6 of
/// session 13): an editor who moves a deadline on the measure page is told it does nothing there.
@Suite("piazza check compares a measure's dates with its form's")
struct MeasureWindowCheckTests {
    @Test("a measure's day that is not its form's is a warning at the date, naming both and the form's file")
    func disagreeing() throws {
        let content = try copyOfDemoContent()
        let file = "vigonza/misure/misura-1-buoni-spesa.md"
        try content.write(
            file,
            try content.read(file).replacingOccurrences(of: "closes: 2026-12-31", with: "closes: 2026-11-15")
                .replacingOccurrences(of: "opens: 2026-11-02", with: "opens: 2026-11-01"))
        let form = "_shared/forms/misura-1.yaml"
        #expect(
            try audit(content) == [
                "\(file):6:8: warning: `opens` is 2026-11-01, but form 'misura-1' opens on 2026-11-02 at 09:00 (\(form)), which is what the portal uses and its pages show; write `opens: 2026-11-02` here, or change `opens` in \(form) to move the date",
                "\(file):7:9: warning: `closes` is 2026-11-15, but form 'misura-1' closes on 2026-12-31 at 12:00 (\(form)), which is what the portal uses and its pages show; write `closes: 2026-12-31` here, or change `closes` in \(form) to move the date",
            ])
    }
}
