import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// The back office's posts are single-valued like its query parameters: a field posted twice is refused
/// (``PostedForm/readURLEncoded(_:maxBytes:repeatable:byteLimit:)``), nothing is changed.
@Suite("Back-office posts: a single-valued field posted twice answers 422")
struct RepeatedPostFieldTests {
    typealias Browser = OperatorFixture

    @Test(
        "a case step with a field twice is refused and changes nothing; the same step once goes through",
        arguments: [
            ("stato", [("stato", "presa_in_carico"), ("stato", "respinta"), ("motivo", "")], "stato"),
            ("stato", [("stato", "presa_in_carico"), ("motivo", "a"), ("motivo", "b")], "motivo"),
            ("importo", [("importo", "100,00"), ("importo", "900,00"), ("motivo", "Delibera")], "importo"),
            ("stato", [("_csrf", "altro"), ("stato", "presa_in_carico"), ("motivo", "")], "_csrf"),
        ])
    func caseStep(action: String, fields: [(String, String)], repeated: String) async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova")
            let open = try await Browser.openCase(client, number)
            let database = try #require(operators.app.portals["prova"]).database
            let before = try #require(try await database.application(number: number))
            let answer = try await open.post(client, action, fields)
            #expect(answer.status == .unprocessableContent)
            #expect(String(buffer: answer.body).contains("Il campo «\(repeated)» compare più di una volta"))
            let after = try #require(try await database.application(number: number))
            #expect(after.application.state == before.application.state)
            #expect(after.application.benefitCents == before.application.benefitCents)
            #expect(after.events.count == before.events.count)
            let once = try await open.post(client, "stato", [("stato", "presa_in_carico"), ("motivo", "")])
            #expect(once.status == .seeOther)
        }
    }
}
