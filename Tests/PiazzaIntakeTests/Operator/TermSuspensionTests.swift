import Foundation
import HummingbirdTesting
import PiazzaContent
import Testing

@testable import PiazzaIntake

/// L. 241/1990 art. 2 comma 7: while the office waits for documents, the term is suspended, once, for
/// at most 30 days; the queue, its `scadute` filter, the case page and the dashboard agree.
@Suite("The term suspended while the citizen sends documents")
struct TermSuspensionTests {
    typealias Browser = OperatorFixture

    static func at(days: Double) -> Date { IntakeFixture.now.addingTimeInterval(days * 86_400) }

    @Test("a case that waited 12 days for documents is late 12 days later, on every page that counts deadlines")
    func suspendedCase() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let database = try #require(operators.app.portals["prova"]).database
            let suspended = try await OperatorQueueFilterTests.submit(client, 1)
            let plain = try await OperatorQueueFilterTests.submit(client, 2)
            // Received 1 June (deadline 1 July); documents asked on 10 June, sent on 22 June.
            for (state, day, reason) in [
                (ApplicationState.takenInCharge, 1.0, nil), (.integrationRequested, 9, "Manca l'ISEE."),
                (.integrated, 21, nil),
            ] {
                #expect(
                    try await database.changeState(
                        number: suspended, to: state, reason: reason, actor: "anna", at: Self.at(days: day))
                        == .changed)
            }
            // 2 July: only the case never suspended is late.
            operators.advance(31 * 86_400)
            var session = try await Browser.session(client, "anna")
            #expect(
                OperatorQueueFilterTests.numbers(
                    try await OperatorQueueFilterTests.queue(client, "scadute=1", session: session).body) == [plain])
            let all = try await OperatorQueueFilterTests.queue(client, "", session: session).body
            #expect(all.contains("<td>13/07/2026</td>"))
            #expect(all.contains("<td>01/07/2026 <strong class=\"overdue\">termine superato</strong></td>"))
            let page = String(
                buffer: try await Browser.get(client, "/operator/prova/pratiche/\(suspended)", session: session).body)
            #expect(page.contains("Da concludere entro il 13/07/2026"))
            #expect(!page.contains("termine superato"))
            var dashboard = String(
                buffer: try await Browser.get(client, "/operator/prova/cruscotto", session: session).body)
            #expect(dashboard.contains("<tr><th scope=\"row\">Domanda di prova</th><td>30</td><td>1</td></tr>"))
            // 14 July, the day after its suspended deadline: both are late.
            operators.advance(12 * 86_400)
            session = try await Browser.session(client, "anna")
            #expect(
                Set(
                    OperatorQueueFilterTests.numbers(
                        try await OperatorQueueFilterTests.queue(client, "scadute=1", session: session).body))
                    == [plain, suspended])
            dashboard = String(
                buffer: try await Browser.get(client, "/operator/prova/cruscotto", session: session).body)
            #expect(dashboard.contains("<tr><th scope=\"row\">Domanda di prova</th><td>30</td><td>2</td></tr>"))
        }
    }

    @Test("only the first request for documents suspends (una sola volta), until the step after it")
    func once() {
        let events = [
            (ApplicationState.submitted, 0.0), (.takenInCharge, 1), (.integrationRequested, 5), (.integrated, 8),
            (.integrationRequested, 10), (.integrated, 20),
        ].map { ApplicationEvent(applicationID: 1, at: Self.at(days: $1), state: $0, note: nil, actor: nil) }
        #expect(
            TermSuspension(events: events)
                == TermSuspension(requestedAt: Self.at(days: 5), answeredAt: Self.at(days: 8)))
        #expect(
            TermSuspension(events: Array(events.prefix(3)))
                == TermSuspension(requestedAt: Self.at(days: 5), answeredAt: nil))
        #expect(TermSuspension(events: Array(events.prefix(2))) == nil)
    }
}
