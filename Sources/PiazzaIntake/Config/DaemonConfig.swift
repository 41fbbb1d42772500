import Foundation
import PiazzaContent

/// The daemon's settings, from one YAML file (`piazza.yaml`).
///
/// Keys: `listen`, `content`, `theme`, `data`, `portals`, `secret_file`, `public_url`, `https`,
/// `trust_proxy`, `limits { body_bytes, file_bytes, per_ip_per_minute }`. Relative paths are
/// relative to the config file.
public struct DaemonConfig: Sendable, Hashable {
    /// Size and rate limits applied to every request.
    public struct Limits: Sendable, Hashable {
        /// Largest accepted request body.
        public var bodyBytes: Int
        /// Largest accepted single upload (a form field may lower it).
        public var fileBytes: Int
        /// Form posts accepted from one client address per minute.
        public var perIPPerMinute: Int

        /// The limits used when the file does not set them.
        public static let defaults = Limits(bodyBytes: 10_485_760, fileBytes: 5_242_880, perIPPerMinute: 30)
    }

    /// Address to bind.
    public var host: String
    public var port: Int
    /// The content tree (`content/`).
    public var contentFolder: URL
    /// The theme whose templates render forms, receipts and messages (`themes/default`).
    public var themeFolder: URL
    /// Per-portal databases and uploads.
    public var dataFolder: URL
    /// Portals served; `nil` serves every portal of the content tree.
    public var portals: [String]?
    /// Signing keys; created with mode 0600 on first start.
    public var secretFile: URL
    /// Absolute base of links in receipts, without trailing slash.
    public var publicURL: String
    /// Whether the daemon is reached over HTTPS (Secure cookies, HSTS).
    public var https: Bool
    /// Whether to take the client address from the last `X-Forwarded-For` entry (behind a reverse proxy).
    public var trustProxy: Bool
    public var limits: Limits

    /// Settings from values; the secret defaults to `dataFolder/secret`.
    public init(
        host: String = "127.0.0.1", port: Int = 8081, contentFolder: URL, themeFolder: URL, dataFolder: URL,
        portals: [String]? = nil,
        secretFile: URL? = nil, publicURL: String? = nil, https: Bool = false, trustProxy: Bool = false,
        limits: Limits = .defaults
    ) {
        self.host = host
        self.port = port
        self.contentFolder = contentFolder
        self.themeFolder = themeFolder
        self.dataFolder = dataFolder
        self.portals = portals
        self.secretFile = secretFile ?? dataFolder.appendingPathComponent("secret")
        self.publicURL = publicURL ?? "http://\(host):\(port)"
        self.https = https
        self.trustProxy = trustProxy
        self.limits = limits
    }

    /// Reads and checks a config file.
    ///
    /// - Throws: ``DaemonConfigError`` naming file, line and fix for every unknown key, bad value
    ///   or unusable path.
    public static func load(from file: URL) throws(DaemonConfigError) -> DaemonConfig {
        guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8)
        else {
            throw DaemonConfigError(
                code: .unreadable,
                diagnostics: [
                    Diagnostic(
                        file: file.path, line: 0, column: 0,
                        message: "cannot read the config file; copy piazza.example.yaml there or pass --config PATH")
                ])
        }
        return try parse(text, file: file.path, base: file.deletingLastPathComponent())
    }

    /// Parses config text; relative paths are resolved against `base`.
    public static func parse(_ text: String, file: String, base: URL) throws(DaemonConfigError) -> DaemonConfig {
        let sink = DiagnosticSink()
        guard let node = YAMLSource(file: file, lineOffset: 0).parse(text, into: sink),
            let reader = YAMLReader(node, file: file, lineOffset: 0, context: "the daemon config", sink: sink)
        else { throw DaemonConfigError(code: .invalid, diagnostics: sink.list.sorted) }
        func path(_ key: String, default value: String) -> URL {
            let text = reader.string(key) ?? value
            return text.hasPrefix("/") ? URL(fileURLWithPath: text) : base.appendingPathComponent(text)
        }
        var (host, port) = ("127.0.0.1", 8081)
        if let listen = reader.string("listen") {
            if let parsed = Self.hostPort(listen) {
                (host, port) = parsed
            } else if let node = reader.node("listen") {
                reader.error(at: node, "`listen` is '\(listen)'; write host:port, e.g. 127.0.0.1:8081")
            }
        }
        let content = path("content", default: "content")
        let theme = path("theme", default: "themes/default")
        let data = path("data", default: "data")
        let portals = reader.strings("portals")
        let secret =
            reader.string("secret_file") == nil
            ? data.appendingPathComponent("secret") : path("secret_file", default: "")
        let publicURL = reader.string("public_url")
        if let publicURL, !(publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://")),
            let node = reader.node("public_url")
        {
            reader.error(
                at: node, "`public_url` must be an absolute http(s) URL like https://servizi.comune.example.it")
        }
        let https = reader.bool("https") ?? false
        let trustProxy = reader.bool("trust_proxy") ?? false
        var limits = Limits.defaults
        if let nested = reader.mapping("limits", context: "`limits`") {
            limits.bodyBytes = nested.int("body_bytes", range: 1024...1_073_741_824) ?? limits.bodyBytes
            limits.fileBytes = nested.int("file_bytes", range: 1...1_073_741_824) ?? limits.fileBytes
            limits.perIPPerMinute = nested.int("per_ip_per_minute", range: 1...1_000_000) ?? limits.perIPPerMinute
            nested.finish()
        }
        reader.finish()
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: content.path, isDirectory: &isDirectory) || !isDirectory.boolValue {
            let line = reader.node("content").map { reader.position(of: $0).line } ?? 1
            sink.error(
                file, line, 1, "content folder \(content.path) does not exist; set `content:` to the content tree")
        }
        do {
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        } catch {
            let line = reader.node("data").map { reader.position(of: $0).line } ?? 1
            sink.error(file, line, 1, "cannot create the data folder \(data.path); set `data:` to a writable folder")
        }
        if sink.list.hasErrors { throw DaemonConfigError(code: .invalid, diagnostics: sink.list.sorted) }
        return DaemonConfig(
            host: host, port: port, contentFolder: content.standardizedFileURL, themeFolder: theme.standardizedFileURL,
            dataFolder: data.standardizedFileURL,
            portals: portals, secretFile: secret.standardizedFileURL,
            publicURL: publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }, https: https,
            trustProxy: trustProxy, limits: limits)
    }

    /// `127.0.0.1:8081`, `[::1]:8081`, `localhost:80`.
    static func hostPort(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }
}
