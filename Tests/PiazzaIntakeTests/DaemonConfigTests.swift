import Foundation
import Testing

@testable import PiazzaIntake

@Suite("Reading the daemon config")
final class DaemonConfigTests {
    let base: URL

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: base.appendingPathComponent("content"), withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: base)
    }

    @Test("every documented key is read, and relative paths are relative to the config file")
    func allKeys() throws {
        let config = try DaemonConfig.parse(
            """
            listen: 0.0.0.0:9000
            content: content
            data: data
            portals: [vigonza, conegliano]
            secret_file: data/secret
            public_url: https://servizi.example.it/
            https: true
            trust_proxy: true
            limits: { body_bytes: 2048, file_bytes: 1024, per_ip_per_minute: 5 }
            """, file: "piazza.yaml", base: base)
        #expect(config.host == "0.0.0.0" && config.port == 9000)
        #expect(config.contentFolder.path == base.appendingPathComponent("content").path)
        #expect(config.dataFolder.path == base.appendingPathComponent("data").path)
        #expect(config.secretFile.path == base.appendingPathComponent("data/secret").path)
        #expect(config.portals == ["vigonza", "conegliano"])
        #expect(config.publicURL == "https://servizi.example.it")
        #expect(config.https && config.trustProxy)
        #expect(config.limits == .init(bodyBytes: 2048, fileBytes: 1024, perIPPerMinute: 5))
    }

    @Test("an unknown key, a bad value and a bad listen address are reported with their lines")
    func errors() {
        #expect {
            try DaemonConfig.parse(
                """
                listen: localhost
                contnet: content
                limits: { body_bytes: lots }
                """, file: "piazza.yaml", base: base)
        } throws: { error in
            let lines = (error as? DaemonConfigError)?.diagnostics.map(\.description) ?? []
            return lines.contains { $0.hasPrefix("piazza.yaml:1:") && $0.contains("host:port") }
                && lines.contains { $0.hasPrefix("piazza.yaml:2:") && $0.contains("did you mean `content`") }
                && lines.contains { $0.hasPrefix("piazza.yaml:3:") && $0.contains("body_bytes") }
        }
    }

    @Test("a missing content folder stops the start with the fix")
    func missingContent() {
        #expect {
            try DaemonConfig.parse("content: nowhere\n", file: "piazza.yaml", base: base)
        } throws: { error in
            (error as? DaemonConfigError)?.description.contains("piazza.yaml:1:1: error: content folder") == true
        }
    }

    @Test("the example config at the repository root loads as shipped")
    func example() throws {
        let config = try DaemonConfig.load(from: IntakeFixture.repository.appendingPathComponent("piazza.example.yaml"))
        #expect(config.port == 8081)
        #expect(config.portals == ["vigonza", "conegliano"])
    }
}
