import Foundation
import Logging
import PiazzaContent
import PiazzaRender
import Subprocess
import Testing

@testable import PiazzaIntake

@Suite("Start-up failures name the setting, its place and the fix")
final class StartErrorTests {
    let fixture: IntakeFixture

    init() throws {
        fixture = try IntakeFixture()
    }

    /// The fixture's content with a config file read from `text` (content and theme prepended).
    func config(_ text: String) throws -> DaemonConfig {
        let yaml = "content: \(fixture.config.contentFolder.path)\ntheme: \(fixture.config.themeFolder.path)\n" + text
        return try DaemonConfig.parse(yaml, file: "piazza.yaml", base: fixture.root)
    }

    func start(_ config: DaemonConfig) throws -> IntakeApp {
        try IntakeApp(
            config: config, content: ContentTree.load(from: config.contentFolder),
            theme: Theme.load(from: config.themeFolder), logger: Logger(label: "test"))
    }

    @Test("a secret file open to other users or too short is refused at `secret_file`")
    func secret() throws {
        let file = fixture.root.appendingPathComponent("secret")
        let settings = try config("data: data\nsecret_file: secret\n")
        try Data(String(repeating: "k", count: 40).utf8).write(to: file)
        chmod(file.path, 0o644)
        #expect {
            try start(settings)
        } throws: { error in
            let text = "\(error)"
            return (error as? IntakeApp.StartError)?.key == "secret_file"
                && text.hasPrefix(
                    "piazza.yaml:4:1: error: the secret file \(file.path) is open to other users (mode 644)")
                && text.hasSuffix("run chmod 600 \(file.path)")
        }
        chmod(file.path, 0o600)
        try Data("short".utf8).write(to: file)
        #expect {
            try start(settings)
        } throws: { error in
            "\(error)".hasPrefix("piazza.yaml:4:1: error: the secret file") && "\(error)".contains("shorter than 32")
        }
    }

    @Test(
        "a secret file that is a folder or a device is refused as not a regular file, not sent to chmod",
        arguments: ["folder", "/dev/null"])
    func secretNotRegular(path: String) throws {
        try FileManager.default.createDirectory(
            at: fixture.root.appendingPathComponent("folder"), withIntermediateDirectories: true)
        #expect {
            try start(config("data: data\nsecret_file: \(path)\n"))
        } throws: { error in
            let text = "\(error)"
            return (error as? IntakeApp.StartError)?.key == "secret_file"
                && text.hasPrefix("piazza.yaml:4:1: error: the secret file ") && text.contains("is not a regular file")
                && !text.contains("chmod")
        }
    }

    @Test(
        "a portal theme's template using a name the daemon's pages no longer give stops the start at `theme`, at its file:line:column"
    )
    func themeWithUnknownName() throws {
        let themes = fixture.root.appendingPathComponent("themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixture.config.themeFolder, to: themes.appendingPathComponent("default"))
        let receipt = themes.appendingPathComponent("comune/templates/receipt.mustache")
        try FileManager.default.createDirectory(
            at: receipt.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{{<base}}{{$main}}\n<p>{{replyHint}}</p>\n{{/main}}{{/base}}\n".utf8).write(to: receipt)
        let portal = fixture.config.contentFolder.appendingPathComponent("prova/portal.yaml")
        try Data((try String(contentsOf: portal, encoding: .utf8) + "\ntheme: comune\n").utf8).write(to: portal)
        let settings = try DaemonConfig.parse(
            "content: \(fixture.config.contentFolder.path)\ntheme: \(themes.path)/default\ndata: data\n",
            file: "piazza.yaml", base: fixture.root)
        #expect {
            try start(settings)
        } throws: { error in
            (error as? IntakeApp.StartError)?.key == "theme"
                && "\(error)".hasPrefix(
                    "piazza.yaml:2:1: error: \(receipt.path):2:4: 'replyHint' is a name no page gives")
        }
    }

    @Test("a port in use is reported at `listen` with the fix")
    func portInUse() async throws {
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(holder, $0, length) == 0 && listen(holder, 1) == 0 && getsockname(holder, $0, &length) == 0
            }
        }
        try #require(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let app = try start(try config("data: data\nlisten: 127.0.0.1:\(port)\n"))
        await #expect {
            try await app.run()
        } throws: { error in
            (error as? IntakeApp.StartError)?.key == "listen"
                && "\(error)" == "piazza.yaml:4:1: error: cannot listen on 127.0.0.1:\(port): Address already in use; "
                    + "another process uses it; stop it or set `listen:` to a free port"
        }
    }

    @Test("the real binary exits 1 with the located error when the port is in use, and 1 on an empty config")
    func exitCodes() async throws {
        let daemon = try DaemonProcess()
        let holder = try await DaemonProcess.withClient { client in
            try await daemon.start(client: client)
            return daemon
        }
        let second = try await runPiazza(["daemon", "--config", holder.configFile.path])
        #expect(second.status == .exited(1))
        #expect(
            second.standardError.contains(
                "\(holder.configFile.path):1:1: error: cannot listen on 127.0.0.1:\(holder.port)"))
        await holder.stop(signal: SIGTERM)

        try "# nothing yet\n".write(to: holder.configFile, atomically: true, encoding: .utf8)
        let empty = try await runPiazza(["daemon", "--config", holder.configFile.path])
        #expect(empty.status == .exited(1))
        #expect(empty.standardError.contains("\(holder.configFile.path):1:1: error: the config file has no settings"))
    }
}
