import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization
import Testing

/// What an open tab's EventSource has received, filled by a task reading the stream.
private final class EventLog: Sendable {
    let text = Mutex("")

    /// Waits until the stream has announced generation `generation`.
    func waitForReload(_ generation: Int, timeout: Duration = .seconds(60)) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if text.withLock({ $0.contains("event: reload\ndata: \(generation)\n\n") }) { return true }
            try await Task.sleep(for: .milliseconds(25))
        }
        return false
    }
}

@Suite(
    "piazza serve rebuilds on a change and reloads open tabs",
    .enabled(if: DaemonProcess.binary != nil, "build the piazza binary first: swift build"))
struct LiveReloadCommandTests {
    @Test(
        "a page edit is served and announced; broken front matter shows the overlay naming file:line; the fix brings the page back; forms still post"
    )
    func editBreakFix() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content")
        try IntakeFixture.writeContent(at: content, opens: "2020-01-01 00:00", closes: "2099-12-31 23:59")
        let (port, intakePort) = (DaemonProcess.freePort(), DaemonProcess.freePort())
        let command = try await PipedCommand.serve(in: root, port: port, intakePort: intakePort)
        defer { command.stop() }
        let watching = try await command.line { $0.hasPrefix("watching ") }
        #expect(watching?.contains(" with inotify;") == true, "output: \(command.output)")
        let origin = "http://127.0.0.1:\(port)"
        let home = root.appendingPathComponent("content/prova/_index.md")

        try await DaemonProcess.withClient { client in
            let events = EventLog()
            let stream = try await client.execute(
                HTTPClientRequest(url: "\(origin)/_piazza/reload?since=0"), timeout: .seconds(600))
            #expect(stream.headers.first(name: "Content-Type") == "text/event-stream")
            let reader = Task {
                for try await buffer in stream.body {
                    events.text.withLock { $0 += String(buffer: buffer) }
                }
            }
            defer { reader.cancel() }

            let before = try await Self.get(client, "\(origin)/prova/")
            #expect(before.status == 200 && before.body.contains("Benvenuti."))
            #expect(before.body.contains("new EventSource(\"/_piazza/reload?since=0\")"))

            // An editor's save: a new file renamed over the page.
            try "---\ntitle: Prova Welfare\n---\n\nBentornati.\n".write(to: home, atomically: true, encoding: .utf8)
            #expect(try await events.waitForReload(1), "events: \(events.text.withLock { $0 })")
            let edited = try await Self.get(client, "\(origin)/prova/")
            #expect(edited.status == 200 && edited.body.contains("Bentornati.") && !edited.body.contains("Benvenuti."))
            // Incremental: the home page is the only output made from its file.
            #expect(
                try await command.line {
                    $0.hasPrefix("rebuilt prova in ") && $0.contains(" s (1 file rendered) after ")
                }
                    != nil, "output: \(command.output)")

            try "---\ntitle: [Prova\n---\n\nBentornati.\n".write(to: home, atomically: true, encoding: .utf8)
            #expect(try await events.waitForReload(2), "events: \(events.text.withLock { $0 })")
            let broken = try await Self.get(client, "\(origin)/prova/")
            #expect(broken.status == 500)
            #expect(broken.body.contains("<code>prova/_index.md:2:"), "overlay: \(broken.body)")
            #expect(broken.body.contains("<h1>Errori nei contenuti di prova: 1</h1>"), "overlay: \(broken.body)")
            #expect(
                try await command.line { $0.hasPrefix("prova/_index.md:2:") && $0.contains(": error: ") } != nil,
                "output: \(command.output)")

            try "---\ntitle: Prova Welfare\n---\n\nDi nuovo.\n".write(to: home, atomically: true, encoding: .utf8)
            #expect(try await events.waitForReload(3), "events: \(events.text.withLock { $0 })")
            let fixed = try await Self.get(client, "\(origin)/prova/")
            #expect(fixed.status == 200 && fixed.body.contains("Di nuovo."))

            // The script is in what the preview serves, never in the files the build wrote; those are
            // in the preview's own folder, and the published one is never made.
            let written = try String(
                contentsOf: root.appendingPathComponent(".piazza/site.preview/site/prova/index.html"), encoding: .utf8)
            #expect(written.contains("Di nuovo.") && !written.contains("EventSource") && !written.contains("_piazza"))
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("site").path))

            // The rebuilt form still posts to the preview intake, which takes the application.
            let form = try await Self.get(client, "\(origin)/prova/moduli/domanda/")
            let action = "http://127.0.0.1:\(intakePort)/forms/prova/domanda"
            #expect(form.body.contains("action=\"\(action)\""), "form page: \(form.status)")
            var post = HTTPClientRequest(url: action)
            post.method = .POST
            post.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            post.body = .bytes(IntakeFixture.body(IntakeFixture.fields([("_key", UUID().uuidString)])))
            let receipt = try await client.execute(post, timeout: .seconds(10))
            #expect(receipt.status == .seeOther)
        }
    }

    private static func get(_ client: HTTPClient, _ url: String) async throws -> (
        status: UInt, body: String
    ) {
        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        return (response.status.code, String(buffer: try await response.body.collect(upTo: 1 << 22)))
    }
}
