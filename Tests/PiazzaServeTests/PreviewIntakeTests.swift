import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PiazzaContent
import PiazzaSite
import Testing

@testable import PiazzaServe

/// The preview daemon of `piazza serve` writes no link and no redirect to the published site: each
/// portal's site is the preview's (``Preview/intakeApplication(serving:)``).
@Suite("piazza serve's intake daemon keeps every link on the preview")
struct PreviewIntakeTests {
    static let production = "https://welfare.comune.conegliano.tv.it"

    @Test("two previews in one process keep their scratch data apart")
    func scratchPerPreview() {
        let options = SiteBuilder.Options(
            content: URL(fileURLWithPath: "content"), theme: URL(fileURLWithPath: "themes/default"),
            output: URL(fileURLWithPath: "site"))
        let first = Preview(site: options, pagefind: nil, port: 1, intakePort: 2, logger: Logger(label: "piazza-tests"))
        let second = Preview(
            site: options, pagefind: nil, port: 1, intakePort: 2, logger: Logger(label: "piazza-tests"))
        #expect(first.scratch != second.scratch)
    }

    @Test("a reload of a form's or a slot's address, a page's header links and the CORS origin stay on the preview")
    func linksStayOnPreview() async throws {
        let folder = try ScratchFolder()
        let content = folder.url.appendingPathComponent("content")
        try FileManager.default.copyItem(
            at: SearchRefreshTests.repository.appendingPathComponent("content"), to: content)
        let preview = Preview(
            site: SiteBuilder.Options(
                content: content, theme: SearchRefreshTests.repository.appendingPathComponent("themes/default"),
                output: folder.url.appendingPathComponent("site"), portals: ["conegliano"]),
            pagefind: nil, port: 18_080, intakePort: 18_081, logger: Logger(label: "piazza-tests"))
        defer { try? FileManager.default.removeItem(at: preview.scratch) }
        let report = try await SiteBuilder(options: preview.site, logger: preview.logger).build(searchIndex: nil)
        let site = "http://127.0.0.1:18080/conegliano/"
        let calendar = try #require(report.content?.portal("conegliano")?.calendars.first)
        let slot = try #require(calendar.slots.last)
        try await preview.intakeApplication(content: try #require(report.content), theme: report.theme).test(.router) {
            client in
            let form = try await client.execute(uri: "/forms/conegliano/misura-1", method: .get)
            #expect(form.status == .seeOther)
            #expect(form.headers[.location] == site + Portal.formURL(id: "misura-1"))
            let booking = try await client.execute(
                uri: "/bookings/conegliano/\(calendar.id)/\(slot.id)", method: .get)
            #expect(booking.headers[.location]?.hasPrefix(site + Portal.calendarURL(id: calendar.id) + "#") == true)
            let thanks = try await client.execute(uri: "/feedback/conegliano/grazie?pagina=/", method: .get)
            let page = String(buffer: thanks.body)
            #expect(thanks.status == .ok)
            #expect(page.contains("href=\"\(site)\""))
            #expect(!page.contains(Self.production))
            let seats = try await client.execute(
                uri: "/bookings/conegliano/\(calendar.id)/availability.json", method: .get)
            #expect(seats.status == .ok)
            #expect(seats.headers[.accessControlAllowOrigin] == "http://127.0.0.1:18080")
        }
    }
}
