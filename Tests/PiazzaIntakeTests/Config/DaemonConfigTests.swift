import Foundation
import Testing

@testable import PiazzaIntake

@Suite("Reading the daemon config")
final class DaemonConfigTests {
    let base: URL

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-config-\(UUID().uuidString)")
        for folder in ["content/vigonza", "content/conegliano", "themes/default"] {
            try FileManager.default.createDirectory(
                at: base.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
    }

    /// The diagnostics of a config that must not load, as printed.
    func problems(_ text: String) -> [String] {
        do {
            _ = try DaemonConfig.parse(text, file: "piazza.yaml", base: base)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
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
            metrics_allow: [127.0.0.1, 10.0.0.0/8]
            limits: { body_bytes: 2048, file_bytes: 1024, per_ip_per_minute: 5 }
            timeouts: { body_seconds: 40, idle_seconds: 10 }
            operators: { idle_minutes: 15 }
            """, file: "piazza.yaml", base: base)
        #expect(config.host == "0.0.0.0" && config.port == 9000)
        #expect(config.contentFolder.path == base.appendingPathComponent("content").path)
        #expect(config.dataFolder.path == base.appendingPathComponent("data").path)
        #expect(config.secretFile.path == base.appendingPathComponent("data/secret").path)
        #expect(config.portals == ["vigonza", "conegliano"])
        #expect(config.publicURL == "https://servizi.example.it")
        #expect(config.https && config.trustedProxies == AddressRange.loopback)
        #expect(config.limits == .init(bodyBytes: 2048, fileBytes: 1024, perIPPerMinute: 5))
        #expect(config.timeouts == .init(bodySeconds: 40, idleSeconds: 10))
        #expect(config.operators == .init(idleMinutes: 15))
        #expect(config.metricsAllow.map(\.description) == ["127.0.0.1", "10.0.0.0/8"])
        #expect(config.origin.places["secret_file"] == .init(line: 5, column: 1))
    }

    @Test("an empty or comment-only config says so at line 1", arguments: ["", "\n\n", "# only a comment\n"])
    func empty(text: String) {
        #expect(
            problems(text) == [
                "piazza.yaml:1:1: error: the config file has no settings; copy piazza.example.yaml and edit it"
            ])
    }

    @Test("every problem of a config is reported at once, each at its place")
    func allProblems() {
        let lines = problems(
            """
            listen: 127.0.0.1:70000
            theme: themes/none
            portals: [vigonza, nonexistent]
            limits: { body_bytes: 2048, file_bytes: 4096, per_ip_per_minute: 0 }
            timeouts: { body_seconds: 0 }
            metrics_allow: [10.0.0.0/33]
            """)
        #expect(lines.count == 7)
        #expect(
            lines.contains { $0.hasPrefix("piazza.yaml:1:1: error: `listen`") && $0.contains("between 1 and 65535") })
        #expect(lines.contains { $0.hasPrefix("piazza.yaml:2:1: error: theme folder") && $0.contains("set `theme:`") })
        #expect(
            lines.contains {
                $0.hasPrefix("piazza.yaml:3:20: error: no portal 'nonexistent'") && $0.contains("conegliano, vigonza")
            })
        #expect(
            lines.contains {
                $0.hasPrefix("piazza.yaml:4:41: error: `file_bytes` (4096) is larger than `body_bytes` (2048)")
            })
        #expect(lines.contains { $0.hasPrefix("piazza.yaml:4:66: error: `per_ip_per_minute`") })
        #expect(lines.contains { $0.hasPrefix("piazza.yaml:5:27: error: `body_seconds`") })
        #expect(lines.contains { $0.hasPrefix("piazza.yaml:6:17: error: '10.0.0.0/33' in `metrics_allow`") })
    }

    @Test("an empty portal list is refused: it would serve nothing")
    func noPortals() {
        #expect(
            problems("portals: []\n") == [
                "piazza.yaml:1:10: error: `portals` is empty; list the portals to serve, or remove the key to serve all"
            ])
    }

    @Test(
        "trust_proxy is a list of proxy addresses, true for loopback only, false for none",
        arguments: [
            ("trust_proxy: [127.0.0.1/32, 10.0.0.5]", ["127.0.0.1/32", "10.0.0.5"]),
            ("trust_proxy: true", ["127.0.0.0/8", "::1/128"]), ("trust_proxy: false", []), ("data: data", []),
        ])
    func trustProxy(line: String, proxies: [String]) throws {
        let config = try DaemonConfig.parse(line + "\n", file: "piazza.yaml", base: base)
        #expect(config.trustedProxies.map(\.description) == proxies)
        #expect(problems("trust_proxy: [10.0.0.0/33]\n").first?.contains("'10.0.0.0/33' in `trust_proxy`") == true)
    }

    @Test("a portal listed twice is refused at the second item")
    func duplicatePortal() {
        #expect(
            problems("portals: [vigonza, conegliano, vigonza]\n") == [
                "piazza.yaml:1:32: error: 'vigonza' appears twice in `portals` in the daemon config; keep one"
            ])
    }

    @Test(
        "a quoted true or false is a text, refused where a flag is expected",
        arguments: [#"https: "true""#, "https: 'false'", #"trust_proxy: "yes""#])
    func quotedFlag(line: String) {
        let key = line.prefix { $0 != ":" }
        #expect(
            problems(line + "\n") == [
                "piazza.yaml:1:\(key.count + 3): error: `\(key)` in the daemon config must be true or false, without quotes"
            ])
    }

    @Test("metrics_allow beyond loopback and private networks loads with a warning at the key, once per block")
    func publicMetrics() throws {
        let config = try DaemonConfig.parse(
            "data: data\nmetrics_allow: [127.0.0.1, 10.0.0.0/8, fd00::/8, 0.0.0.0/0, 10.0.0.0/7, 8.8.8.8, \"::/0\"]\n",
            file: "piazza.yaml", base: base)
        let warnings = config.warnings.map(\.description)
        #expect(warnings.count == 4)
        for block in ["0.0.0.0/0", "10.0.0.0/7", "8.8.8.8", "::/0"] {
            #expect(warnings.contains { $0.hasPrefix("piazza.yaml:2:1: warning: `metrics_allow` includes \(block),") })
        }
        #expect(try DaemonConfig.parse("data: data\n", file: "piazza.yaml", base: base).warnings.isEmpty)
    }

    @Test(
        "a public_url that is not a plain http(s) address is refused at its line",
        arguments: [
            ("https://servizi.example.it//evil.example", "path starting with //"),
            ("https://mario:segreto@servizi.example.it", "user name or password"),
            ("https://servizi.example.it/?a=1", "?query or #fragment"),
            ("https://servizi.example.it/#top", "?query or #fragment"),
            ("ftp://servizi.example.it", "absolute http(s) address"),
            ("servizi.example.it", "absolute http(s) address"),
            ("https:///piazza", "absolute http(s) address"),
        ])
    func badPublicURL(url: String, problem: String) {
        let lines = problems("data: data\npublic_url: \"\(url)\"\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("piazza.yaml:2:13: error: `public_url`") == true)
        #expect(lines.first?.contains(problem) == true)
    }

    @Test("a data folder that cannot be created is reported at `data`")
    func unusableData() throws {
        try Data().write(to: base.appendingPathComponent("afile"))
        #expect(
            problems("listen: 127.0.0.1:8081\ndata: afile/data\n") == [
                "piazza.yaml:2:1: error: cannot create the data folder \(base.appendingPathComponent("afile/data").path); set `data:` to a writable folder"
            ])
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
