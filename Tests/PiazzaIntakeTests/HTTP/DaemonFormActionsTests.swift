import Foundation
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// A form on a page the daemon renders posts back to that daemon, under its own path
/// (``PiazzaRender/PortalRenderer/daemonAddress(_:)``), never to the content's `intake_url`: in the local
/// trial of docs/DAEMON.md the site is built with `--intake-url http://127.0.0.1:8081` while `portal.yaml`
/// still names the production daemon, and the form re-shown with its errors sent the corrected
/// application there.
@Suite("The daemon's pages post to the daemon")
struct DaemonFormActionsTests {
    /// The fixture's `intake_url` host, which no daemon page may post to.
    static let intakeHost = "servizi.example.it"

    /// Every `action` of a page.
    static func actions(_ page: String) -> [String] {
        page.matches(of: #/action="([^"]*)"/#).map { String($0.output.1) }
    }

    @Test(
        "the form with errors, a booking's cancel, a full slot's waiting list and the refused feedback post under the daemon's path",
        arguments: [(nil, ""), ("https://comune.example.it/welfare/", "/welfare")] as [(String?, String)])
    func everyAction(publicURL: String?, prefix: String) async throws {
        let fixture = try IntakeFixture(publicURL: publicURL)
        try await fixture.app.buildApplication().test(.router) { client in
            var pages: [String: (page: String, expected: String)] = [:]

            let invalid = try await IntakeFixture.post(client, IntakeFixture.fields([("codice_fiscale", "X")]))
            #expect(invalid.status == .unprocessableContent)
            pages["modulo con errori"] = (String(buffer: invalid.body), prefix + "/forms/prova/domanda")

            let booked = try await BookingPostTests.book(client)
            let receipt = try #require(booked.headers[.location])
            let bookingPage = try await client.execute(uri: String(receipt.dropFirst(prefix.count)), method: .get)
            pages["prenotazione"] = (String(buffer: bookingPage.body), receipt + "/cancel")

            #expect(try await WaitlistTests.book(client, "Paolo Blu", seats: 2).status == .seeOther)
            let full = try await WaitlistTests.book(client, "Maria Bianchi")
            #expect(full.status == .conflict)
            pages["turno pieno"] = (
                String(buffer: full.body), prefix + "/bookings/prova/gruppi/\(WaitlistTests.slot)"
            )

            let refused = try await FeedbackPostTests.post(
                client, FeedbackPostTests.valid.filter { $0.0 != "valutazione" } + [("valutazione", "6")])
            #expect(refused.status == .unprocessableContent)
            pages["valutazione rifiutata"] = (String(buffer: refused.body), prefix + "/feedback/prova")

            for (name, (page, expected)) in pages.sorted(by: { $0.key < $1.key }) {
                let actions = Self.actions(page)
                #expect(actions.contains(expected), "\(name): \(actions)")
                #expect(!page.contains(Self.intakeHost), "\(name)")
                for action in actions {
                    #expect(action.hasPrefix(prefix + "/") && !action.hasPrefix("//"), "\(name): \(action)")
                }
            }
        }
    }
}
