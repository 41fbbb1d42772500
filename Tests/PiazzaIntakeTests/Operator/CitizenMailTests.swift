import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import PiazzaIntake

@Suite("Messages by e-mail through the configured command")
struct CitizenMailTests {
    typealias Browser = OperatorFixture

    /// Writes an executable shell script into `folder` and returns its path.
    static func script(_ body: String, named name: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    /// A new empty folder for the scripts and what they write; the test removes it.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A back office whose mail command writes each message to the returned file in `folder`, written to a
    /// temporary name then moved, so the test never reads half a message.
    static func capturing(in folder: URL, publicURL: String? = nil) async throws -> (Browser, String) {
        let output = folder.appendingPathComponent("mail.txt").path
        let capture = try script(#"cat > "$1.tmp" && mv "$1.tmp" "$1""#, named: "capture", in: folder)
        return (try await Browser(publicURL: publicURL) { $0.operators.mailCommand = [capture, output] }, output)
    }

    /// Posts `text` as a message on case `number` and returns the mail the command wrote to `output` and the
    /// case's receipt token.
    static func send(
        _ text: String, on number: String, _ client: some TestClientProtocol, _ operators: Browser, session: String,
        token: String, output: String
    ) async throws -> (mail: String, receiptToken: String) {
        let sent = try await Browser.post(
            client, "/operator/prova/pratiche/\(number)/messaggi", [("_csrf", token), ("testo", text)],
            cookies: [OperatorCookies.session: session])
        #expect(sent.status == .seeOther)
        let mail = try #require(try await contents(of: output))
        let receiptToken = try #require(
            try await operators.app.portals["prova"]?.database.application(number: number)?.application.token)
        return (mail, receiptToken)
    }

    /// Waits up to 10 s for a file to appear with content.
    static func contents(of path: String) async throws -> String? {
        for _ in 0..<500 {
            if let data = FileManager.default.contents(atPath: path), !data.isEmpty {
                return String(decoding: data, as: UTF8.self)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    @Test("the command receives the message on its standard input, addressed to the application's e-mail")
    func commandReceivesMessage() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (operators, output) = try await Self.capturing(in: folder, publicURL: "https://servizi.example.it/piazza")
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova", [("email", "maria.bianchi@example.it")])
            let session = try await Browser.session(client, "anna")
            let url = "/operator/prova/pratiche/\(number)"
            let page = try await Browser.get(client, url, session: session)
            #expect(String(buffer: page.body).contains("inviato anche per e-mail a maria.bianchi@example.it"))
            let token = try #require(Browser.token(page))
            let (mail, receiptToken) = try await Self.send(
                "Buongiorno,\nporti l'ISEE <2026>.", on: number, client, operators, session: session, token: token,
                output: output)
            let lines = mail.components(separatedBy: "\r\n")
            #expect(lines.first == "To: maria.bianchi@example.it")
            #expect(lines.contains("Content-Type: text/plain; charset=utf-8"))
            #expect(!mail.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
            #expect(mail.contains("\r\n\r\nGentile cittadina, gentile cittadino,\r\n"))
            #expect(mail.contains("Buongiorno,\r\nporti l'ISEE <2026>."))
            #expect(mail.contains("https://servizi.example.it/piazza/r/\(receiptToken)"))
            #expect(mail.contains("Subject: =?UTF-8?B?"))
        }
    }

    @Test("a failing command, or none for an application without e-mail, never fails the operator's message")
    func failuresDoNotBlock() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let failing = try Self.script("exit 75", named: "failing", in: folder)
        let operators = try await Browser { $0.operators.mailCommand = [failing] }
        try await operators.app.buildApplication().test(.router) { client in
            let withMail = try await Browser.submit(client, portal: "prova", [("email", "maria@example.it")])
            let withoutMail = try await Browser.submit(client, portal: "prova", [("note", "senza e-mail")])
            let session = try await Browser.session(client, "anna")
            for number in [withMail, withoutMail] {
                let url = "/operator/prova/pratiche/\(number)"
                let page = try await Browser.get(client, url, session: session)
                let token = try #require(Browser.token(page))
                let sent = try await Browser.post(
                    client, url + "/messaggi", [("_csrf", token), ("testo", "Buongiorno")],
                    cookies: [OperatorCookies.session: session])
                #expect(sent.status == .seeOther)
            }
            let page = String(
                buffer: try await Browser.get(client, "/operator/prova/pratiche/\(withoutMail)", session: session).body)
            #expect(page.contains("La domanda non ha un indirizzo e-mail"))
        }
    }

    @Test(
        "a command that exits non-zero, does not exist, or outlives its timeout reports failure, each logged as what happened; the late one is stopped"
    )
    func commandOutcomes() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = ExportWorkingFilesTests.Lines()
        // A generous timeout for the commands that end by themselves: on a loaded machine starting a shell can take
        // seconds (5 s failed once with the whole suite in parallel); only the late command's case is about it.
        func send(_ command: [String], timeout: Duration = .seconds(120)) async -> (Bool, [String]) {
            lines.list.withLock { $0 = [] }
            let sent = await Self.mailer(command, timeout: timeout, lines: lines).send(Self.mail, portal: "p").value
            return (sent, lines.list.withLock { $0 })
        }
        let ok = await send([try Self.script("cat > /dev/null", named: "ok", in: folder)])
        #expect(ok.0 && ok.1.isEmpty)
        let failed = await send([try Self.script("exit 3", named: "ko", in: folder)])
        #expect(!failed.0 && failed.1.count == 1)
        #expect(failed.1.first?.hasPrefix("error citizen mail command failed portal=p status=") == true)
        #expect(failed.1.first?.contains("3") == true)
        let missing = await send([folder.appendingPathComponent("none").path])
        #expect(!missing.0 && missing.1.first?.hasPrefix("error citizen mail command did not start") == true)
        // `exec`: the pid written is the sleeping command's own, which the timeout must stop.
        let pidFile = folder.appendingPathComponent("slow-pid").path
        let slow = try Self.script(
            #"echo $$ > "$1.tmp" && mv "$1.tmp" "$1"; exec sleep 30"#, named: "slow", in: folder)
        let late = await send([slow, pidFile], timeout: .milliseconds(300))
        #expect(
            !late.0 && late.1 == ["error citizen mail command timed out and was stopped portal=p timeout=0.3 seconds"])
        try await Self.expectStopped(pidFile: pidFile)
    }

    @Test("a command that ignores SIGTERM past its timeout is killed, and the send reports failure")
    func timeoutKills() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appendingPathComponent("pid").path
        let stubborn = try Self.script(
            #"trap '' TERM; echo $$ > "$1.tmp" && mv "$1.tmp" "$1"; while :; do sleep 1; done"#, named: "stubborn",
            in: folder)
        let lines = ExportWorkingFilesTests.Lines()
        // The script never ends by itself: that the send returns at all, and the process is gone, proves the kill.
        #expect(
            !(await Self.mailer([stubborn, pidFile], timeout: .seconds(3), lines: lines).send(Self.mail, portal: "p")
                .value))
        #expect(
            lines.list.withLock { $0 } == [
                "error citizen mail command timed out and was stopped portal=p timeout=3.0 seconds"
            ])
        try await Self.expectStopped(pidFile: pidFile)
    }

    /// Expects the process whose pid the script wrote into `pidFile` to be gone.
    static func expectStopped(pidFile: String) async throws {
        let written = try #require(try await contents(of: pidFile))
        let pid = try #require(Int32(written.trimmingCharacters(in: .newlines)))
        #expect(kill(pid, 0) == -1 && errno == ESRCH, "the command \(pid) still runs")
    }

    static let mail = CitizenMailer.Mail(
        to: "maria@example.it", number: "2026-0000001", portalName: "Prova Welfare", token: "t", text: "Ciao")

    /// A mailer of `command`; its log lines into `lines` when given (``ExportWorkingFilesTests/Recorder``).
    static func mailer(
        _ command: [String], timeout: Duration = .seconds(5), lines: ExportWorkingFilesTests.Lines? = nil
    )
        -> CitizenMailer
    {
        let logger =
            lines.map { lines in Logger(label: "test") { _ in ExportWorkingFilesTests.Recorder(lines: lines) } }
            ?? Logger(label: "test")
        return CitizenMailer(command: command, timeout: timeout, publicURL: "https://x.example", logger: logger)
    }

    @Test(
        "only addresses that cannot break a header are used",
        arguments: [
            ("maria@example.it", true), ("maria@example.it\r\nBcc: x@y.z", false), ("a b@example.it", false),
            ("<a@b.c>", false), ("a@b@c", false), ("maría@example.it", false),
        ])
    func deliverable(address: String, usable: Bool) {
        #expect(CitizenMailer.isDeliverable(address) == usable)
    }

    @Test("a long or accented subject becomes RFC 2047 words of at most 75 characters")
    func encodedSubject() {
        let subject = CitizenMailer.encodedWord(
            "Messaggio sulla domanda 2026-0000001 – Comune di Città di Prova Welfare")
        let words = subject.components(separatedBy: "\n ")
        #expect(words.count > 1 && words.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?B?") })
        let decoded = words.map { word in
            String(decoding: Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!, as: UTF8.self)
        }.joined()
        #expect(decoded == "Messaggio sulla domanda 2026-0000001 – Comune di Città di Prova Welfare")
        #expect(CitizenMailer.encodedWord("Plain subject") == "Plain subject")
    }

    @Test(
        "the body is quoted-printable: no lone dot, no From line, no long line, no 8-bit byte",
        arguments: [
            (".", "=2E"), ("a\n.\nb", "a\n=2E\nb"), ("..", "=2E."), ("From me", "=46rom me"),
            ("Fromage", "Fromage"), ("x = 1 ", "x =3D 1=20"), ("tab\t", "tab=09"), ("è ✓", "=C3=A8 =E2=9C=93"),
            ("a\r\nb\rc", "a\nb\nc"), (String(repeating: "a", count: 76), String(repeating: "a", count: 76)),
            (
                String(repeating: "a", count: 100),
                String(repeating: "a", count: 75) + "=\n" + String(repeating: "a", count: 25)
            ),
            (String(repeating: "a", count: 75) + ".b", String(repeating: "a", count: 75) + "=\n=2Eb"),
            (String(repeating: "a", count: 74) + "è", String(repeating: "a", count: 74) + "=\n=C3=A8"),
        ])
    func quotedPrintable(text: String, encoded: String) {
        #expect(CitizenMailer.quotedPrintable(text) == encoded)
    }

    /// `body` with quoted-printable undone: soft breaks removed, `=XX` back to bytes.
    static func decoded(_ body: String) -> String {
        var bytes: [UInt8] = []
        var rest = Substring(body.replacingOccurrences(of: "=\r\n", with: ""))
        while let first = rest.first {
            if first == "=", let byte = UInt8(rest.dropFirst().prefix(2), radix: 16) {
                bytes.append(byte)
                rest = rest.dropFirst(3)
            } else {
                bytes += Array(String(first).utf8)
                rest = rest.dropFirst()
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("a message with a line holding only a dot reaches the command whole, the receipt's link included")
    func loneDotLine() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (operators, output) = try await Self.capturing(in: folder)
        try await operators.app.buildApplication().test(.router) { client in
            let number = try await Browser.submit(client, portal: "prova", [("email", "maria.bianchi@example.it")])
            let session = try await Browser.session(client, "anna")
            let url = "/operator/prova/pratiche/\(number)"
            let token = try #require(Browser.token(try await Browser.get(client, url, session: session)))
            let text = "Buongiorno, manca un documento.\r\nSubject: finto\r\n\r\n.\r\nFrom ufficio: ciao è ✓"
            let (mail, receiptToken) = try await Self.send(
                text, on: number, client, operators, session: session, token: token, output: output)
            let lines = mail.components(separatedBy: "\r\n")
            #expect(lines.contains("Content-Transfer-Encoding: quoted-printable"))
            // What `sendmail -t` without `-i` reads up to: a lone dot would end the message there.
            #expect(!lines.contains(".") && !lines.contains { $0.hasPrefix("From ") })
            #expect(mail.utf8.allSatisfy { $0 < 0x80 })
            let encoded = mail.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
            #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
            let body = Self.decoded(encoded)
            #expect(
                body.contains("Buongiorno, manca un documento.\r\nSubject: finto\r\n\r\n.\r\nFrom ufficio: ciao è ✓"))
            #expect(body.contains("/r/\(receiptToken)"))
        }
    }
}
