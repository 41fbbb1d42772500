import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

@Suite("Automatic checks are stored with each application")
struct ApplicationChecksTests {
    func checks(_ fixture: IntakeFixture, token: String) throws -> [CheckResult] {
        let json = try fixture.query { db in
            try String.fetchOne(db, sql: "SELECT checks FROM applications WHERE token = ?", arguments: [token])!
        }
        return try JSONDecoder().decode([CheckResult].self, from: Data(json.utf8))
    }

    func token(_ response: TestResponse) throws -> String {
        String(try #require(response.headers[.location]).dropFirst(3))
    }

    @Test("a valid, eligible application has every check ok")
    func allOK() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await IntakeFixture.post(
                client, IntakeFixture.fields([("iban", "IT60X0542811101000000123456")]))
            let results = try checks(fixture, token: try token(response))
            #expect(results.map(\.code) == ["isee_threshold", "dsu_year", "residence", "iban", "household_duplicate"])
            #expect(results.allSatisfy { $0.status == .ok })
        }
    }

    @Test(
        "ISEE over threshold, a DSU of another year, residence elsewhere and a foreign IBAN are flagged, not rejected")
    func warnings() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await IntakeFixture.post(
                client,
                IntakeFixture.fields([
                    ("isee.importo", "15.000,01"), ("isee.dsu", "INPS-ISEE-2025-12345678A-00"),
                    ("comune_residenza", "altro"),
                    ("iban", "DE89370400440532013000"),
                ]))
            #expect(response.status == .seeOther)
            let results = try checks(fixture, token: try token(response))
            let warned = Set(results.filter { $0.status == .warning }.map(\.code))
            #expect(warned == ["isee_threshold", "dsu_year", "residence", "iban"])
        }
    }

    @Test("a household member who already applied is flagged on the later application, omocodia included")
    func householdDuplicate() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            _ = try await IntakeFixture.post(client, IntakeFixture.fields([("_key", "first")]))
            // RSSMRA45D25F205N with its last digit turned into a letter (5 → R) is the same person.
            let second = try await IntakeFixture.post(
                client,
                IntakeFixture.fields([
                    ("_key", "second"), ("codice_fiscale", "RCCMNL83S18D969H"),
                    ("componenti.0.codice_fiscale", "RSSMRA45D25F20RI"),
                ]))
            #expect(second.status == .seeOther)
            let duplicate = try #require(
                try checks(fixture, token: try token(second)).first { $0.code == "household_duplicate" })
            #expect(duplicate.status == .warning)
            #expect(duplicate.message.contains("2026-0000001"))
        }
    }
}
