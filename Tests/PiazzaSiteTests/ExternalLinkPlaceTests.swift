import AsyncHTTPClient
import Foundation
import NIOCore
import PiazzaContent
import Testing

@testable import PiazzaSite

/// `piazza check --external` tells each dead address once, where the editor wrote it and in words (finding 14 of
/// session 13): a bare address (`https://…` in the text, the usual way) at its line and column, a `_shared` page's
/// link once however many portals publish it, a failed connection by its cause.
@Suite("piazza check --external: the place and the words")
struct ExternalLinkPlaceTests {
    @Test("a bare web address is collected at its line and column, after accents, escapes and other addresses")
    func bareAddresses() throws {
        let content = try newsWith(
            "Il bando è su https://example.org/bando.pdf fino a ieri.\n\n"
                + "Scrivi a ufficio@example.org o vedi https://example.org/b\n"
                + "e \\*https://example.org/c, oppure ancora.\n\n"
                + "| città | sito |\n|---|---|\n| Vigonza | https://example.org/e |\n\n"
                + "- voce https://example.org/f\n")
        let options = SiteBuilder.Options(
            content: content.url, theme: Repository.theme, output: content.appending("unused"), portals: ["vigonza"],
            now: bandiOpen)
        let check = try SiteBuilder(options: options, logger: .init(label: "piazza-tests")).audit()
        let found = check.externalLinks.filter { $0.location.file == "vigonza/notizie/prova.md" }
        #expect(
            found.map { "\($0.location) \($0.url)" } == [
                "vigonza/notizie/prova.md:6:15 https://example.org/bando.pdf",
                "vigonza/notizie/prova.md:8:37 https://example.org/b",
                "vigonza/notizie/prova.md:9:5 https://example.org/c",
                "vigonza/notizie/prova.md:13:13 https://example.org/e",
                "vigonza/notizie/prova.md:15:8 https://example.org/f",
            ])
    }

    @Test("a place is told once, however many portals publish its page; a refused connection is said in words")
    func oncePerPlace() async {
        // Nothing listens on port 1 of the loopback: the connection is refused at once.
        let address = "http://127.0.0.1:1/bando.pdf"
        let shared = SourceLocation(file: "_shared/note-legali.md", line: 10, column: 5)
        let links = [
            ExternalLinks.Link(url: address, location: shared),
            ExternalLinks.Link(url: address, location: shared),
            ExternalLinks.Link(url: address, location: SourceLocation(file: "vigonza/a.md", line: 2, column: 1)),
        ]
        let diagnostics = await ExternalLinks.check(links, options: .init(concurrency: 2, timeout: 5))
        let words =
            "link to '\(address)' could not be confirmed: the site '127.0.0.1' refused the connection: nothing answers at that address now; open it to check"
        #expect(
            diagnostics.sorted.map(\.description) == [
                "_shared/note-legali.md:10:5: warning: \(words)", "vigonza/a.md:2:1: warning: \(words)",
            ])
    }

    /// An error holding another the way SwiftNIO's `NIOConnectionError` holds each attempt's: in an array of
    /// values that each hold an error.
    struct Wrapped: Error {
        struct Attempt { let error: any Error }
        let dnsError: (any Error)? = nil
        let attempts: [Attempt]
    }

    @Test(
        "a failure is told by its cause, found inside the error that wraps it",
        arguments: [
            (
                IOError(errnoCode: ECONNRESET, reason: "read") as any Error,
                "the site 'a.example' closed the connection without answering"
            ),
            (
                Wrapped(attempts: [.init(error: IOError(errnoCode: ECONNREFUSED, reason: "connect"))]),
                "the site 'a.example' refused the connection: nothing answers at that address now"
            ),
            (
                Wrapped(attempts: [.init(error: IOError(errnoCode: EHOSTUNREACH, reason: "connect"))]),
                "the site 'a.example' cannot be reached from this computer (no route to it: check the network)"
            ),
            (HTTPClientError.connectTimeout, "no answer within 3 s"),
            (
                HTTPClientError.redirectCycleDetected,
                "the site sends the address on too many redirects, or round in a circle"
            ),
        ] as [(any Error, String)])
    func words(error: any Error, expected: String) {
        #expect(ExternalLinks.failure(error, host: "a.example", timeout: 3) == expected)
    }
}
