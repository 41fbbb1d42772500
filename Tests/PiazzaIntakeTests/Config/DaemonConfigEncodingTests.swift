import Foundation
import PiazzaIntake
import Testing

@Suite("piazza.yaml is read by the same text rule as the content")
final class DaemonConfigEncodingTests {
    let base: URL

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-config-\(UUID().uuidString)")
        for folder in ["content", "theme"] {
            try FileManager.default.createDirectory(
                at: base.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: base)
    }

    var file: URL { base.appendingPathComponent("piazza.yaml") }

    @Test("a config saved with a byte order mark and Windows line endings loads")
    func byteOrderMarkAndCRLF() throws {
        let text = "listen: 127.0.0.1:9000\r\ncontent: content\r\ntheme: theme\r\ndata: data\r\n"
        try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: file)
        let config = try DaemonConfig.load(from: file)
        #expect(config.port == 9000)
        #expect(config.themeFolder.path == base.appendingPathComponent("theme").path)
    }

    @Test("an error in a config with a byte order mark is placed as in the file without it")
    func errorAfterMark() throws {
        let text =
            "listen: 127.0.0.1:9000\r\ncontent: content\r\ntheme: theme\r\ndata: data\r\nlimits: { body_bytes: tanti }\r\n"
        try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: file)
        #expect {
            try DaemonConfig.load(from: file)
        } throws: { error in
            (error as? DaemonConfigError)?.diagnostics.map { "\($0.line):\($0.column)" } == ["5:23"]
        }
    }

    @Test("a config saved as UTF-16 is refused with how to save it as UTF-8")
    func utf16() throws {
        try #require("listen: 127.0.0.1:9000\n".data(using: .utf16)).write(to: file)
        #expect {
            try DaemonConfig.load(from: file)
        } throws: { error in
            (error as? DaemonConfigError)?.diagnostics.map(\.description) == [
                "\(file.path):1:1: error: the file is saved as UTF-16 (or is not a text file); save it as UTF-8 (in Notepad: File, Save as, Encoding UTF-8)"
            ]
        }
    }

    @Test("text with a byte order mark handed to parse loads too")
    func parseText() throws {
        let config = try DaemonConfig.parse(
            "\u{FEFF}listen: 127.0.0.1:9001\ncontent: content\ntheme: theme\ndata: data\n", file: "piazza.yaml",
            base: base)
        #expect(config.port == 9001)
    }
}
