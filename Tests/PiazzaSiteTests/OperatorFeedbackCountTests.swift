import Foundation
import PiazzaContent
import PiazzaRender
import Testing

/// The operators' feedback page says "1 valutazione", not "1 valutazioni".
@Suite("The feedback results count in Italian")
struct OperatorFeedbackCountTests {
    @Test(
        "one rating is singular, others plural",
        arguments: [(1, "<p>1 valutazione, media 4,0 su 5."), (2, "<p>2 valutazioni, media 4,0 su 5.")])
    func countText(count: Int, expected: String) throws {
        let portal = try #require(
            try ContentTree.load(from: Repository.content, portals: ["vigonza"]).portal("vigonza"))
        let renderer = PortalRenderer(portal: portal, theme: try Theme.load(from: Repository.theme))
        let page = OperatorFeedbackView.Page(
            path: "/servizi/tutor/", url: "https://example.it/servizi/tutor/", count: count, average: "4,0",
            ratings: [], questions: [], notes: [])
        let html = try renderer.renderOperatorFeedback(OperatorFeedbackView(pages: [page], csvURL: "valutazioni.csv"))
        #expect(html.contains(expected))
    }
}
