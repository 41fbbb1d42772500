import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

/// Money paid twice (tester's item 2): the payments list stays free to download, since people read it,
/// but a case due that was in a list downloaded before says so, on the page and in every later list,
/// with when and by whom (``PaymentEntry/stateText``, migration v15).
@Suite("Payments lists downloaded twice")
struct PaymentListTests {
    typealias Browser = OperatorFixture

    static let earlier = "Da pagare, già nell'elenco scaricato il 01/06/2026 alle 12:00 da anna"

    /// The state column (the fifth) of each row of a CSV list, after the header.
    static func states(_ response: TestResponse) -> [String] {
        String(decoding: PaymentsAndExportsTests.body(response), as: UTF8.self).split(separator: "\r\n").dropFirst()
            .map { String($0.split(separator: ";", omittingEmptySubsequences: false)[4]) }
    }

    @Test(
        "a case due in an earlier list says so on the page and in the next lists; paid cases and HEADs record nothing")
    func secondList() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let database = try #require(operators.app.portals["prova"]).database
            let first = try await Browser.submit(client, portal: "prova")
            let second = try await Browser.submit(client, portal: "prova", [("note", "seconda")])
            try await PaymentsAndExportsTests.accept(first, in: database)
            let session = try await Browser.session(client, "anna")
            let list = "/operator/prova/pagamenti.csv?stato=da_pagare"
            _ = try await client.execute(
                uri: list, method: .head, headers: [.cookie: "\(OperatorCookies.session)=\(session)"])
            let paid = try await Browser.get(client, "/operator/prova/pagamenti.csv?stato=pagata", session: session)
            #expect(paid.status == .ok)
            #expect(Self.states(try await Browser.get(client, list, session: session)) == ["Da pagare"])
            // The case page, whose form marks one case paid, says it too.
            let casePage = String(
                buffer: try await Browser.get(client, "/operator/prova/pratiche/\(first)", session: session).body)
            #expect(casePage.contains(Self.earlier.replacingOccurrences(of: "'", with: "&#39;") + ": 250,00"))
            // The second case is accepted after the first list: only the first was in it.
            try await PaymentsAndExportsTests.accept(second, in: database)
            #expect(Self.states(try await Browser.get(client, list, session: session)) == [Self.earlier, "Da pagare"])
            let page = String(
                buffer: try await Browser.get(client, "/operator/prova/pagamenti", session: session).body)
            // Both were in the second list: the page says so of both, escaped for HTML.
            let shown = Self.earlier.replacingOccurrences(of: "'", with: "&#39;")
            #expect(page.components(separatedBy: "<td>\(shown)</td>").count == 3)
            // Once paid, a case is "Pagata" whatever lists held it.
            #expect(
                try await database.markPaid(
                    numbers: [first], on: try .init("2026-06-01"), reference: "M1", actor: "anna",
                    at: IntakeFixture.now) == .marked(count: 1))
            #expect(
                Self.states(
                    try await Browser.get(client, "/operator/prova/pagamenti.csv?stato=tutti", session: session))
                    == ["Pagata", Self.earlier])
            let rows = try await database.writer.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT l.id, l.made_by, a.number FROM payment_lists l
                        JOIN payment_list_cases c ON c.list_id = l.id JOIN applications a ON a.id = c.application_id
                        ORDER BY l.id, a.number
                        """
                ).map { "\($0["id"] as Int64) \($0["made_by"] as String) \($0["number"] as String)" }
            }
            // The HEAD and the list of paid cases recorded nothing; the "tutti" list its one case due.
            #expect(rows == ["1 anna \(first)", "2 anna \(first)", "2 anna \(second)", "3 anna \(second)"])
            await #expect(throws: DatabaseError.self) {
                try await database.writer.write { db in try db.execute(sql: "DELETE FROM payment_list_cases") }
            }
        }
    }

    @Test(
        "the applications export says of a case due that an earlier payments list held it, as the list does, in CSV and JSON"
    )
    func applicationsExport() async throws {
        let operators = try await Browser()
        try await operators.app.buildApplication().test(.router) { client in
            let database = try #require(operators.app.portals["prova"]).database
            let number = try await Browser.submit(client, portal: "prova")
            try await PaymentsAndExportsTests.accept(number, in: database)
            let session = try await Browser.session(client, "anna")
            let export = "/operator/prova/esportazioni/domande?modulo=domanda&formato=csv"
            let header =
                "\u{FEFF}Numero pratica;Data di invio;Canale;Stato;Controlli da verificare;Importo;Pagamento;Data pagamento;"
                + "Riferimento pagamento;Nome e cognome;Codice fiscale;Data di nascita;Comune di residenza;Indirizzo;CAP;"
                + "Email;Telefono;IBAN;Affitto mensile;Superficie dell'alloggio (m²);Note;Documento;Componente;"
                + "Componente 1 – Nome e cognome;Componente 1 – Codice fiscale;Componente 2 – Nome e cognome;"
                + "Componente 2 – Codice fiscale;Componente 3 – Nome e cognome;Componente 3 – Codice fiscale;"
                + "Componente 4 – Nome e cognome;Componente 4 – Codice fiscale;ISEE;"
                + "ISEE – protocollo DSU;Ho letto l'informativa\r\n"
            let answers =
                "Maria Bianchi;BNCLRA90A41H501F;01/01/1990;Vigonza;;;;;;;;;;1;Mario Rossi;RSSMRA45D25F205N;;;;;;;8500,00;"
                + "INPS-ISEE-2026-12345678A-00;Sì\r\n"
            func exported(_ format: String = "csv") async throws -> String {
                let address = export.replacingOccurrences(of: "formato=csv", with: "formato=" + format)
                return String(
                    decoding: PaymentsAndExportsTests.body(try await Browser.get(client, address, session: session)),
                    as: UTF8.self)
            }
            /// The JSON export's `pagamento` object, as written.
            func payment() async throws -> Substring {
                let json = try await exported("json")
                let start = try #require(json.range(of: #""pagamento":"#)).upperBound
                let end = try #require(json[start...].range(of: #"},"risposte""#)).lowerBound
                return json[start...end]
            }
            #expect(try await payment() == #"{"stato":"da_pagare","testo":"Da pagare"}"#)
            #expect(
                try await exported() == header + "\(number);01/06/2026 12:00;online;Accolta;;250,00;Da pagare;;;"
                    + answers)
            #expect(
                try await Browser.get(client, "/operator/prova/pagamenti.csv?stato=da_pagare", session: session).status
                    == .ok)
            #expect(
                try await exported() == header + "\(number);01/06/2026 12:00;online;Accolta;;250,00;\(Self.earlier);;;"
                    + answers)
            #expect(
                try await payment()
                    == #"{"gia_in_elenco":{"da":"anna","scaricato_il":"2026-06-01T10:00:00.000Z"},"stato":"da_pagare","testo":""#
                    + Self.earlier + #""}"#)
        }
    }
}
