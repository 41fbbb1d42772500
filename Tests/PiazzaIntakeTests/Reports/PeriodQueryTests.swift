import Foundation
import Hummingbird
import HummingbirdTesting
import PiazzaContent
import Testing

@testable import PiazzaIntake

/// One rule for the period of every report, export and download (``PeriodQuery``): a missing bound,
/// an inverted range and a bad date are read, and refused, the same way everywhere, with a page saying
/// which field to correct and how.
@Suite("The period of a report from dal and al")
struct PeriodQueryTests {
    typealias Browser = OperatorFixture

    static let today = try! ContentDate(year: 2026, month: 6, day: 15)
    static let may = try! ContentDate(year: 2026, month: 5, day: 1)...ContentDate(year: 2026, month: 5, day: 31)

    /// What a query reads as: the period (`first…last`, ISO days) or the field refused.
    enum Reading: Sendable, Hashable {
        case period(String)
        case refused(field: String)
    }

    static func reading(_ query: [String: String], longestDays: Int? = nil) -> Reading {
        do throws(PeriodQuery.Problem) {
            let period = try PeriodQuery.read({ query[$0] }, today: today, fallback: may, longestDays: longestDays)
            return .period(period.map { "\($0.lowerBound.iso)…\($0.upperBound.iso)" } ?? "none")
        } catch {
            return .refused(field: error.field)
        }
    }

    @Test(
        "the rule: none is the route's default, dal alone runs to today, al alone is refused at dal",
        arguments: [
            ([:], Reading.period("2026-05-01…2026-05-31")),
            (["dal": "", "al": " "], .period("2026-05-01…2026-05-31")),
            (["dal": "01/06/2026"], .period("2026-06-01…2026-06-15")),
            (["dal": "2026-06-01", "al": ""], .period("2026-06-01…2026-06-15")),
            (["dal": "2026-06-01", "al": "10/06/2026"], .period("2026-06-01…2026-06-10")),
            (["al": "2026-06-30"], .refused(field: "dal")),
            (["dal": "", "al": "2026-06-30"], .refused(field: "dal")),
            (["dal": "2026-06-16"], .refused(field: "dal")),
            (["dal": "giugno", "al": "2026-06-30"], .refused(field: "dal")),
            (["dal": "2026-06-01", "al": "31/06/2026"], .refused(field: "al")),
            (["dal": "2026-06-30", "al": "2026-06-01"], .refused(field: "al")),
            (["dal": "2026-06-01", "al": "9999-12-31"], .refused(field: "al")),
            (["dal": "1899-12-31", "al": "2026-06-01"], .refused(field: "dal")),
            (["dal": "1900-01-01", "al": "2100-12-31"], .period("1900-01-01…2100-12-31")),
        ] as [([String: String], Reading)])
    func rule(query: [String: String], expected: Reading) {
        #expect(Self.reading(query) == expected)
    }

    @Test("a route's longest period counts both ends")
    func longest() {
        #expect(
            Self.reading(["dal": "2026-01-01", "al": "2026-01-31"], longestDays: 31) == .period("2026-01-01…2026-01-31")
        )
        #expect(Self.reading(["dal": "2026-01-01", "al": "2026-02-01"], longestDays: 31) == .refused(field: "al"))
    }

    /// Every route that takes a period, with the rest of its query.
    static let routes = [
        "rimborsi?", "rimborsi/esercenti/\(VoucherFixture.gino)?",
        "rimborsi/esercenti/\(VoucherFixture.gino)/estratto.csv?", "rimborsi/bonifici.xml?",
        "rendicontazione?calendario=gruppi&", "rendicontazione.csv?calendario=gruppi&",
        "esportazioni/domande?modulo=domanda&",
    ]

    /// A query that is not a period, and what the page says.
    static let refusals = [
        ("al=2026-06-30", "Manca la data «Dal»"),
        ("dal=giugno&al=2026-06-30", "La data «Dal» «giugno» non è valida"),
        ("dal=2026-06-30&al=2026-06-01", "La data «Al» (01/06/2026) è prima della data «Dal» (30/06/2026)"),
        // Years no period reaches: each was a `try!` on the day after `al` that stopped the daemon.
        ("dal=2026-05-01&al=9999-12-31", "La data «Al» «9999-12-31» è fuori dagli anni accettati, dal 1900 al 2100"),
        ("dal=01%2F05%2F2026&al=31%2F12%2F9999", "La data «Al» «31/12/9999» è fuori dagli anni accettati"),
        ("dal=0001-01-01&al=2026-05-31", "La data «Dal» «0001-01-01» è fuori dagli anni accettati"),
        ("dal=1000-01-01&al=9999-12-31", "La data «Dal» «1000-01-01» è fuori dagli anni accettati"),
    ]

    @Test("every route that takes a period refuses the same queries the same way: 422, the field named, how to fix it")
    func everyRoute() async throws {
        try await PageAuditTests.withEveryPage { client, _, _ in
            let session = try await Browser.session(client, "capo")
            for route in Self.routes {
                for (query, message) in Self.refusals {
                    let page = try await Browser.get(client, "/operator/prova/" + route + query, session: session)
                    let text = String(buffer: page.body)
                    #expect(page.status == .unprocessableContent, "\(route)\(query)")
                    #expect(text.contains(message), "\(route)\(query)")
                    #expect(page.headers[.contentDisposition] == nil, "\(route)\(query)")
                }
                // `dal` alone: from that day up to today (the fixture's clock: 1 June 2026).
                let since = try await Browser.get(
                    client, "/operator/prova/" + route + "dal=2026-05-01", session: session)
                #expect(since.status == .ok, "\(route)dal=2026-05-01")
            }
        }
    }

    @Test(
        "the queue's own dates refuse a year outside 1900–2100 at their field, and the daemon answers on",
        arguments: [
            ("dal=01%2F12%2F2026&al=31%2F12%2F9999", "al", "La data «Inviate fino al» «31/12/9999» non è valida"),
            ("dal=0001-01-01", "dal", "La data «Inviate dal» «0001-01-01» non è valida"),
        ])
    func queue(query: String, field: String, message: String) async throws {
        try await PageAuditTests.withEveryPage { client, _, _ in
            let session = try await Browser.session(client, "capo")
            let page = try await Browser.get(client, "/operator/prova/?modulo=domanda&" + query, session: session)
            let text = String(buffer: page.body)
            #expect(page.status == .badRequest)
            #expect(text.contains(message + ": L&#39;anno"))
            #expect(text.contains("scrivi un anno dal 1900 al 2100"))
            #expect(text.contains(#"id="\#(field)""#) && text.contains(#"aria-invalid="true""#))
            let after = try await Browser.get(client, "/operator/prova/?modulo=domanda", session: session)
            #expect(after.status == .ok)
        }
    }
}
