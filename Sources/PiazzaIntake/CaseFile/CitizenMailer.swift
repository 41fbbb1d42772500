import Foundation
import Logging
import PiazzaContent
import Subprocess
import SystemPackage

/// E-mails a citizen the office's message through the configured command (`operators.mail_command`,
/// e.g. `["/usr/sbin/sendmail", "-i", "-t"]`), which reads an RFC 5322 message on its standard input.
///
/// The command runs without a shell (its arguments as written), in the background: the operator's
/// action never waits for it and never fails because of it. A command still running after
/// `timeout` is terminated. Failures are logged with the portal and the cause, never an address or
/// any other personal data.
struct CitizenMailer: Sendable {
    /// The executable (an absolute path) and its arguments.
    let command: [String]
    let timeout: Duration
    /// `public_url`, for the link to the status page.
    let publicURL: String
    let logger: Logger

    /// What is sent to one citizen.
    struct Mail: Sendable, Equatable {
        /// The address of the application's e-mail field (``address(in:)``).
        var to: String
        var number: String
        var portalName: String
        var token: String
        var text: String
    }

    /// The message as the command reads it: headers, a blank line, the body; CRLF line ends, 7-bit ASCII.
    ///
    /// The body is quoted-printable (``quotedPrintable(_:)``), so whatever the operator typed no line of
    /// the message is a lone `.` (which ends the input of `sendmail` without `-i`), starts with `From `
    /// (which mailboxes rewrite) or exceeds the 78 characters of RFC 5322, whatever the command.
    func message(_ mail: Mail) -> Data {
        let subject = Self.encodedWord("Messaggio sulla domanda \(mail.number) – \(mail.portalName)")
        let body = """
            Gentile cittadina, gentile cittadino,

            \(mail.portalName) ha scritto un messaggio sulla tua domanda \(mail.number):

            \(mail.text)

            Puoi leggerlo, insieme allo stato della domanda, a questo indirizzo:
            \(publicURL)/r/\(mail.token)

            Questo messaggio è inviato automaticamente: per rispondere usa i contatti del portale.
            """
        let lines =
            [
                "To: \(mail.to)", "Subject: \(subject)", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: quoted-printable", "", Self.quotedPrintable(body),
            ]
            .joined(separator: "\n")
        return Data(lines.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n").utf8)
    }

    /// Starts the command with `mail` on its standard input and returns at once; the task ends when
    /// the command has exited or been terminated, with whether it succeeded (for tests).
    @discardableResult
    func send(_ mail: Mail, portal: String) -> Task<Bool, Never> {
        let data = message(mail)
        return Task.detached { [command, timeout, logger] in
            await Self.run(command, message: data, timeout: timeout, portal: portal, logger: logger)
        }
    }

    private static func run(_ command: [String], message data: Data, timeout: Duration, portal: String, logger: Logger)
        async
        -> Bool
    {
        let input: CommandInput
        do {
            input = try CommandInput()
        } catch {
            logger.error("citizen mail command not started: no socket", metadata: ["portal": "\(portal)"])
            return false
        }
        let options = {
            var options = PlatformOptions()
            // Past the timeout: SIGTERM, and SIGKILL a second later if it is still running.
            options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(1))]
            return options
        }()
        let status: TerminationStatus?
        do {
            status = try await withThrowingTaskGroup(of: TerminationStatus?.self) { group in
                group.addTask {
                    try await Subprocess.run(
                        .path(FilePath(command[0])), arguments: Arguments(Array(command.dropFirst())),
                        platformOptions: options,
                        input: input.subprocessInput, output: .discarded, error: .discarded
                    ) { _ in await input.write(data) }.terminationStatus
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                // The first to finish decides; cancelling the other stops the command (the teardown above).
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
        } catch {
            logger.error("citizen mail command did not start", metadata: ["portal": "\(portal)", "error": "\(error)"])
            return false
        }
        guard let status else {
            logger.error(
                "citizen mail command timed out and was stopped",
                metadata: ["portal": "\(portal)", "timeout": "\(timeout)"])
            return false
        }
        guard status.isSuccess else {
            logger.error("citizen mail command failed", metadata: ["portal": "\(portal)", "status": "\(status)"])
            return false
        }
        return true
    }

    /// `text` in quoted-printable (RFC 2045 §6.7), lines joined by `\n`: its line breaks (`\r\n`, `\r` or
    /// `\n`) are kept as hard breaks; `=`, every byte outside printable ASCII, a space or tab ending a line,
    /// a `.` starting a line and the `F` of a line starting `From ` are written `=XX`; lines longer than
    /// 76 characters are folded with a soft break (`=` at the end), never inside an `=XX`.
    static func quotedPrintable(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { line in
            let bytes = Array(line.utf8)
            var output: [String] = []
            var current = ""
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                func token(startingLine: Bool) -> String {
                    let guarded =
                        startingLine
                        && (byte == UInt8(ascii: ".") || bytes[index...].starts(with: "From ".utf8))
                    let printable = byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")
                    let blank = (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) && !isLast
                    return (printable || blank) && !guarded ? String(UnicodeScalar(byte)) : "=" + hexByte(byte)
                }
                // 75 characters and a soft break `=` make the longest line 76; the last may use the 76th.
                if current.count + token(startingLine: current.isEmpty).count > (isLast ? 76 : 75) {
                    output.append(current + "=")
                    current = ""
                }
                current += token(startingLine: current.isEmpty)
            }
            output.append(current)
            return output.joined(separator: "\n")
        }
        .joined(separator: "\n")
    }

    /// `byte` as two upper-case hexadecimal digits, as quoted-printable writes it.
    private static func hexByte(_ byte: UInt8) -> String {
        Hex.string([byte]).uppercased()
    }

    /// The text as RFC 2047 encoded words when it is not plain ASCII (header values are ASCII): each
    /// word at most 75 characters (45 bytes of UTF-8, never cut inside a character), folded onto
    /// continuation lines.
    static func encodedWord(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) { return text }
        var words: [String] = []
        var chunk = Data()
        for scalar in text.unicodeScalars {
            let bytes = Data(String(scalar).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + chunk.base64EncodedString() + "?=")
                chunk = Data()
            }
            chunk += bytes
        }
        words.append("=?UTF-8?B?" + chunk.base64EncodedString() + "?=")
        return words.joined(separator: "\n ")
    }

    /// The citizen's contact: the answer to the form's first e-mail field that has one; `nil` when
    /// none has, or the address cannot go in a header (``isDeliverable(_:)``).
    static func address(in application: ValidatedApplication, form: FormDefinition?) -> String? {
        for field in form?.fields ?? [] where field.type == .email {
            if case .text(let address)? = application[field.name], isDeliverable(address) { return address }
        }
        return nil
    }

    /// Whether `address` can go in a `To:` header as it is: printable ASCII, one `@`, none of the
    /// characters that separate addresses or start comments. The form's e-mail validation accepts
    /// less; this keeps a header injection impossible whatever is stored.
    static func isDeliverable(_ address: String) -> Bool {
        let forbidden = Set("<>()[],;:\\\" ")
        return address.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }
            && !address.contains(where: forbidden.contains) && address.split(separator: "@").count == 2
            && address.utf8.count <= 254
    }
}
