import Foundation
import ItalianIdentifiers
import PiazzaContent

/// The daemon's settings, from one YAML file (`piazza.yaml`).
///
/// Keys: `listen`, `content`, `theme`, `data`, `portals`, `secret_file`, `public_url`, `site_origins`, `https`,
/// `trust_proxy`, `metrics_allow`, `limits { body_bytes, file_bytes, per_ip_per_minute }`,
/// `timeouts { body_seconds, idle_seconds }`, `operators { idle_minutes, mail_command, mail_timeout_seconds }`,
/// `vouchers { void_minutes, far_km, visit_share, debtors { <portal> { name, iban, bic } } }`. Relative paths are relative to the config file.
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

    /// How long a client may take before its connection is closed, in seconds.
    public struct Timeouts: Sendable, Hashable {
        /// From the end of a request's headers to the last byte of its body; a slower client is
        /// answered 408 and disconnected, however steadily it trickles.
        public var bodySeconds: Int
        /// A connection with no request in progress: between keep-alive requests, and while the
        /// headers of the next one arrive.
        public var idleSeconds: Int

        /// The timeouts used when the file does not set them: 10 MiB at 1 Mbit/s take 84 s.
        public static let defaults = Timeouts(bodySeconds: 120, idleSeconds: 30)
    }

    /// The back office's sessions and its e-mail to citizens.
    public struct Operators: Sendable, Hashable {
        /// A session unused this long ends; the operator logs in again.
        public var idleMinutes: Int
        /// `mail_command`: the executable (absolute path) and arguments that send an operator's message
        /// to the citizen, reading the e-mail on standard input (`["/usr/sbin/sendmail", "-i", "-t"]`); run
        /// without a shell. `nil`: messages are only shown on the status page.
        public var mailCommand: [String]?
        /// `mail_timeout_seconds`: a mail command still running after this is stopped.
        public var mailTimeoutSeconds: Int

        public init(idleMinutes: Int, mailCommand: [String]? = nil, mailTimeoutSeconds: Int = 30) {
            self.idleMinutes = idleMinutes
            self.mailCommand = mailCommand
            self.mailTimeoutSeconds = mailTimeoutSeconds
        }

        /// 30 minutes (OWASP's session guidance: 15–30 minutes for applications handling personal data),
        /// no e-mail, 30 s for a mail command.
        public static let defaults = Operators(idleMinutes: 30)
    }

    /// Voucher redemption at shops (issue 19).
    public struct Vouchers: Sendable, Hashable {
        /// `void_minutes`: how long after a redemption the shop may still void it (a mistyped amount,
        /// a cancelled purchase); later, only the comune's office can act on it.
        public var voidMinutes: Int
        /// `debtors`: by portal id, the comune's account that reimburses the shops, for the SEPA credit
        /// transfer file of the reimbursement page; a portal without one gets no file.
        public var debtors: [String: Debtor]
        /// `far_km`: a visit that spent (nearly) a whole voucher at a shop farther than this from the household's
        /// comune is flagged on the dashboard (``RedemptionFlags/Reason/emptiedFar``); whole kilometres, 1 to 1000.
        public var farKilometres: Int
        /// `visit_share`: the share of a voucher's worth, in percent (50 to 100), that one visit to a shop must
        /// spend to be flagged as spending it (nearly) whole (``RedemptionFlags/Reason/emptied``): below 100, so
        /// that a cent or a euro left unspent does not evade the flag.
        public var visitShare: Int

        /// The account a comune pays from: `name` (as the bank holds it), `iban`, `bic`.
        public struct Debtor: Sendable, Hashable {
            public var name: String
            public var iban: IBAN
            /// ISO 9362, 8 or 11 characters (``isBIC(_:)``).
            public var bic: String

            public init(name: String, iban: IBAN, bic: String) {
                self.name = name
                self.iban = iban
                self.bic = bic
            }

            /// Whether `text` is a BIC as `pain.001.001.03` takes it (`BICIdentifier`): 4 letters of the bank,
            /// 2 of the country, 2 letters or digits of the place (the first not 0 or 1, the second not O),
            /// optionally 3 letters or digits of the branch.
            public static func isBIC(_ text: String) -> Bool {
                let bytes = Array(text.utf8)
                func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
                func isAlphanumeric(_ byte: UInt8) -> Bool {
                    isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                }
                guard bytes.count == 8 || bytes.count == 11, bytes[0..<6].allSatisfy(isLetter) else { return false }
                return isAlphanumeric(bytes[6]) && bytes[6] != UInt8(ascii: "0") && bytes[6] != UInt8(ascii: "1")
                    && isAlphanumeric(bytes[7]) && bytes[7] != UInt8(ascii: "O")
                    && bytes[8...].allSatisfy(isAlphanumeric)
            }
        }

        public init(
            voidMinutes: Int, debtors: [String: Debtor] = [:], farKilometres: Int = 15, visitShare: Int = 90
        ) {
            self.voidMinutes = voidMinutes
            self.debtors = debtors
            self.farKilometres = farKilometres
            self.visitShare = visitShare
        }

        /// 30 minutes: time to notice a mistake at the till, short enough that a shop cannot undo
        /// yesterday's sales. Far is 15 km: farther than the neighbouring comuni's shops of a Veneto comune,
        /// well within a province. A visit is flagged from 90 % of the voucher: a household spending a voucher
        /// over several trips rarely leaves only a tenth of it for later.
        public static let defaults = Vouchers(voidMinutes: 30, farKilometres: 15, visitShare: 90)
    }

    /// Where a key was written in the config file, so that problems found after loading (a port
    /// in use, an unreadable secret) point at it too.
    public struct Origin: Sendable, Hashable {
        /// The config file, as given to ``load(from:)``.
        public var file: String
        /// Line and column of each top-level key, by key (`listen`, `data`, `secret_file`…).
        public var places: [String: Place]

        /// A 1-based line and column.
        public struct Place: Sendable, Hashable {
            public var line: Int
            public var column: Int

            public init(line: Int, column: Int) {
                self.line = line
                self.column = column
            }
        }

        /// The origin of a file's settings; `places` are filled while it is read.
        public init(file: String, places: [String: Place] = [:]) {
            self.file = file
            self.places = places
        }

        /// A located error about `key`: at the key, or at the top of the file when the key is
        /// not written and its default is in use.
        public func error(_ key: String, _ message: String) -> Diagnostic {
            guard let place = places[key] else {
                return Diagnostic(file: file, line: 1, column: 1, message: "`\(key)` not set, default used: \(message)")
            }
            return Diagnostic(file: file, line: place.line, column: place.column, message: message)
        }
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
    /// `site_origins`: origins (`https://host[:port]`) besides each portal's `base_url` whose pages may
    /// post citizen forms, bookings and feedback (``PostOrigins``): a staging copy of the site, a preview.
    public var siteOrigins: [String]
    /// Whether the daemon is reached over HTTPS (Secure cookies, HSTS).
    public var https: Bool
    /// `trust_proxy`: the peers (reverse proxies) whose last `X-Forwarded-For` entry is taken as the
    /// client address; `true` in the file means loopback only (``AddressRange/loopback``), `false` none.
    public var trustedProxies: [AddressRange]
    /// Client addresses (by the same rule as rate limiting) that may read `/metrics`; others get 404.
    public var metricsAllow: [AddressRange]
    public var limits: Limits
    public var timeouts: Timeouts
    public var operators: Operators
    public var vouchers: Vouchers
    /// Where the settings were read from.
    public var origin: Origin

    /// Settings from values; the secret defaults to `dataFolder/secret`.
    public init(
        host: String = "127.0.0.1", port: Int = 8081, contentFolder: URL, themeFolder: URL, dataFolder: URL,
        portals: [String]? = nil,
        secretFile: URL? = nil, publicURL: String? = nil, siteOrigins: [String] = [], https: Bool = false,
        trustedProxies: [AddressRange] = [],
        metricsAllow: [AddressRange] = AddressRange.loopback, limits: Limits = .defaults,
        timeouts: Timeouts = .defaults, operators: Operators = .defaults, vouchers: Vouchers = .defaults,
        origin: Origin = Origin(file: "piazza.yaml")
    ) {
        self.host = host
        self.port = port
        self.contentFolder = contentFolder
        self.themeFolder = themeFolder
        self.dataFolder = dataFolder
        self.portals = portals
        self.secretFile = secretFile ?? dataFolder.appendingPathComponent("secret")
        self.publicURL = publicURL ?? "http://\(host):\(port)"
        self.siteOrigins = siteOrigins
        self.https = https
        self.trustedProxies = trustedProxies
        self.metricsAllow = metricsAllow
        self.limits = limits
        self.timeouts = timeouts
        self.operators = operators
        self.vouchers = vouchers
        self.origin = origin
    }

    /// Settings that work but probably not as meant, located at their key, for the start-up log:
    /// a `metrics_allow` block reaching beyond loopback and private networks
    /// (``AddressRange/isPrivate``), which makes `/metrics` readable from the internet.
    public var warnings: [Diagnostic] {
        metricsAllow.filter { !$0.isPrivate }.map { range in
            var warning = origin.error(
                "metrics_allow",
                "`metrics_allow` includes \(range), beyond loopback and private networks: anyone there can read "
                    + "/metrics (form outcomes and storage counters); list only the monitoring hosts")
            warning.severity = .warning
            return warning
        }
    }

    /// Reads and checks a config file.
    ///
    /// - Throws: ``DaemonConfigError`` naming file, line and fix for every unknown key, bad value
    ///   or unusable path.
    public static func load(from file: URL) throws(DaemonConfigError) -> DaemonConfig {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw DaemonConfigError(
                code: .unreadable,
                diagnostics: [
                    Diagnostic(
                        file: file.path, line: 0, column: 0,
                        message: "cannot read the config file; copy piazza.example.yaml there or pass --config PATH")
                ])
        }
        let text: String
        do {
            text = try SourceText.decode(data, file: file.path)
        } catch {
            throw DaemonConfigError(code: .unreadable, diagnostics: [error])
        }
        return try parse(text, file: file.path, base: file.deletingLastPathComponent())
    }

    /// Parses config text; relative paths are resolved against `base`.
    ///
    /// Checks every value and the folders it names (content and theme exist, the data folder can
    /// be created and written, listed portals exist in the content tree), and reports every
    /// problem at once.
    public static func parse(_ text: String, file: String, base: URL) throws(DaemonConfigError) -> DaemonConfig {
        let sink = DiagnosticSink()
        guard let node = YAMLSource(file: file, lineOffset: 0).parse(text, into: sink) else {
            if !sink.list.hasErrors {
                sink.error(file, 1, 1, "the config file has no settings; copy piazza.example.yaml and edit it")
            }
            throw DaemonConfigError(code: .invalid, diagnostics: sink.list.sorted)
        }
        guard let reader = YAMLReader(node, file: file, lineOffset: 0, context: "the daemon config", sink: sink) else {
            throw DaemonConfigError(code: .invalid, diagnostics: sink.list.sorted)
        }
        var origin = Origin(file: file)
        for key in reader.keys {
            if let node = reader.keyNode(key) {
                let place = reader.position(of: node)
                origin.places[key] = Origin.Place(line: place.line, column: place.column)
            }
        }
        func report(_ key: String, _ message: String) {
            sink.append(origin.error(key, message))
        }
        func path(_ key: String, default value: String) -> URL {
            let text = reader.string(key) ?? value
            let url = text.hasPrefix("/") ? URL(fileURLWithPath: text) : base.appendingPathComponent(text)
            return url.standardizedFileURL
        }
        var (host, port) = ("127.0.0.1", 8081)
        if let listen = reader.string("listen") {
            switch Self.hostPort(listen) {
            case .some(let parsed) where (1...65535).contains(parsed.1): (host, port) = parsed
            case .some: report("listen", "`listen` is '\(listen)'; the port must be between 1 and 65535")
            case .none: report("listen", "`listen` is '\(listen)'; write host:port, e.g. 127.0.0.1:8081")
            }
        }
        let content = path("content", default: "content")
        let theme = path("theme", default: "themes/default")
        let data = path("data", default: "data")
        let portals = reader.strings("portals")
        let secret =
            reader.string("secret_file") == nil
            ? data.appendingPathComponent("secret") : path("secret_file", default: "")
        let publicURL = reader.webAddress("public_url")
        let siteOrigins = reader.strings("site_origins") ?? []
        for origin in siteOrigins where !PostOrigins.isOrigin(origin) {
            report(
                "site_origins",
                "`site_origins` has '\(origin)', which is not an origin; write scheme and host only, with the port "
                    + "if any, e.g. https://staging.welfare.example.it")
        }
        let https = reader.bool("https") ?? false
        // `true`/`false`, or a list of proxy addresses and blocks.
        let trustedProxies =
            reader.node("trust_proxy")?.sequence == nil
            ? ((reader.bool("trust_proxy") ?? false) ? AddressRange.loopback : [])
            : readAddressRanges(reader, "trust_proxy") ?? []
        let metricsAllow = readAddressRanges(reader, "metrics_allow") ?? AddressRange.loopback
        var limits = Limits.defaults
        if let nested = reader.mapping("limits", context: "`limits`") {
            limits.bodyBytes = nested.int("body_bytes", range: 1024...1_073_741_824) ?? limits.bodyBytes
            limits.fileBytes = nested.int("file_bytes", range: 1...1_073_741_824) ?? limits.fileBytes
            limits.perIPPerMinute = nested.int("per_ip_per_minute", range: 1...1_000_000) ?? limits.perIPPerMinute
            if limits.fileBytes > limits.bodyBytes, let node = nested.node("file_bytes") ?? nested.node("body_bytes") {
                nested.error(
                    at: node,
                    "`file_bytes` (\(limits.fileBytes)) is larger than `body_bytes` (\(limits.bodyBytes)), which "
                        + "carries the whole post; lower file_bytes or raise body_bytes")
            }
            nested.finish()
        }
        var timeouts = Timeouts.defaults
        if let nested = reader.mapping("timeouts", context: "`timeouts`") {
            timeouts.bodySeconds = nested.int("body_seconds", range: 1...3600) ?? timeouts.bodySeconds
            timeouts.idleSeconds = nested.int("idle_seconds", range: 1...3600) ?? timeouts.idleSeconds
            nested.finish()
        }
        var operators = Operators.defaults
        if let nested = reader.mapping("operators", context: "`operators`") {
            operators.idleMinutes = nested.int("idle_minutes", range: 1...1440) ?? operators.idleMinutes
            operators.mailTimeoutSeconds =
                nested.int("mail_timeout_seconds", range: 1...600) ?? operators.mailTimeoutSeconds
            if let command = nested.strings("mail_command"), let node = nested.node("mail_command") {
                if let executable = command.first, executable.hasPrefix("/"),
                    FileManager.default.isExecutableFile(atPath: executable)
                {
                    operators.mailCommand = command
                } else {
                    nested.error(
                        at: node,
                        "`mail_command` must start with the absolute path of an executable file, e.g. "
                            + "[\"/usr/sbin/sendmail\", \"-i\", \"-t\"]; it is run without a shell")
                }
            }
            nested.finish()
        }
        var vouchers = Vouchers.defaults
        if let nested = reader.mapping("vouchers", context: "`vouchers`") {
            vouchers.voidMinutes = nested.int("void_minutes", range: 0...1440) ?? vouchers.voidMinutes
            vouchers.farKilometres = nested.int("far_km", range: 1...1000) ?? vouchers.farKilometres
            vouchers.visitShare = Self.visitShare(nested) ?? vouchers.visitShare
            // The portals served: those listed, else every portal of the content tree (when it exists).
            let served = portals ?? (isFolder(content) ? ContentTree.portalIDs(in: content) : nil)
            vouchers.debtors = readDebtors(nested, served: served)
            nested.finish()
        }
        reader.finish()
        if !isFolder(content) {
            report("content", "content folder \(content.path) does not exist; set `content:` to the content tree")
        } else if let portals {
            checkPortals(portals, in: content, reader: reader)
        }
        if !isFolder(theme) {
            report("theme", "theme folder \(theme.path) does not exist; set `theme:` to a theme, e.g. themes/default")
        }
        do {
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            if access(data.path, W_OK | X_OK) != 0 {
                report(
                    "data",
                    "data folder \(data.path) is not writable by this user; give it to the daemon's user "
                        + "(chown) or set `data:` to a writable folder")
            }
        } catch {
            report("data", "cannot create the data folder \(data.path); set `data:` to a writable folder")
        }
        if sink.list.hasErrors { throw DaemonConfigError(code: .invalid, diagnostics: sink.list.sorted) }
        return DaemonConfig(
            host: host, port: port, contentFolder: content, themeFolder: theme, dataFolder: data, portals: portals,
            secretFile: secret, publicURL: publicURL, siteOrigins: siteOrigins, https: https,
            trustedProxies: trustedProxies,
            metricsAllow: metricsAllow, limits: limits, timeouts: timeouts, operators: operators, vouchers: vouchers,
            origin: origin)
    }

    /// `vouchers.debtors`: each portal's account, every missing or invalid value reported at its key with the fix;
    /// a key that is not a portal `served` (a typo, or a portal this daemon does not serve) is an error too, since
    /// its portal would silently have no SEPA file.
    /// `vouchers.visit_share`: a whole percent from 50 to 100; otherwise an error at the value that says
    /// what it means and what to write (`99.5` → 99 or 100, `90%` → 90, `0` or `40` → from 50, since a
    /// visit that spends less than half a voucher is no sign of one sold on).
    private static func visitShare(_ vouchers: YAMLReader) -> Int? {
        guard let node = vouchers.node("visit_share") else { return nil }
        let meaning =
            "`visit_share` in `vouchers` is the percent of a voucher's worth one visit to a shop must spend to be "
            + "flagged on the dashboard"
        let text = (node.scalar?.string ?? "").trimmingCharacters(in: .whitespaces)
        let number = text.hasSuffix("%") ? text.dropLast().trimmingCharacters(in: .whitespaces) : text
        if let share = Int(number), text == number, (50...100).contains(share) { return share }
        let fix: String
        if let share = Int(number), text == number {
            fix =
                share < 50
                ? "\(share) is below 50, and a visit that spends less than half a voucher is no sign of one sold on"
                : "\(share) is over 100, and no visit spends more than a voucher's worth"
        } else if let share = Int(number) {
            fix = "write the number without %: `visit_share: \(share)`"
        } else if let share = Double(number.replacingOccurrences(of: ",", with: ".")), share.isFinite {
            let lower = Int(share.rounded(FloatingPointRoundingRule.down))
            fix = "'\(text)' is not a whole number; write \(lower) or \(lower + 1)"
        } else {
            fix = "'\(text)' is not a number"
        }
        vouchers.error(
            at: node, "\(meaning): a whole number from 50 to 100 (90 when left out); \(fix)")
        return nil
    }

    private static func readDebtors(_ vouchers: YAMLReader, served: [String]?) -> [String: Vouchers.Debtor] {
        guard let debtors = vouchers.mapping("debtors", context: "`vouchers.debtors`") else { return [:] }
        var result: [String: Vouchers.Debtor] = [:]
        for portal in debtors.keys {
            if let served, !served.contains(portal), let node = debtors.keyNode(portal) {
                debtors.error(
                    at: node,
                    "`vouchers.debtors.\(portal)`: '\(portal)' is not a portal this daemon serves; portals served: "
                        + "\(served.sorted().joined(separator: ", "))")
            }
            guard let account = debtors.mapping(portal, context: "`vouchers.debtors.\(portal)`") else { continue }
            let name = account.string("name", required: true, hint: "the comune's name as its bank holds it")
            let ibanText = account.string("iban", required: true, hint: "the comune's treasury IBAN")
            let bic = account.string("bic", required: true, hint: "its bank's BIC, e.g. BPPIITRRXXX")
            var iban: IBAN?
            if let ibanText, let node = account.node("iban") {
                do {
                    iban = try IBAN(ibanText)
                } catch {
                    account.error(
                        at: node,
                        "`vouchers.debtors.\(portal).iban` '\(ibanText)' is not a valid IBAN (\(ibanProblem(error.code))); "
                            + "copy it from the comune's bank statement")
                }
            }
            if let name, let node = account.node("name"), SEPACreditTransfer.text(name, limit: 70) == nil {
                account.error(
                    at: node,
                    "`vouchers.debtors.\(portal).name` '\(name)' has no Latin letter or digit, the only characters a "
                        + "SEPA file carries; write the comune's name as its bank holds it, e.g. Comune di Vigonza")
            }
            if let bic, let node = account.node("bic"), !Vouchers.Debtor.isBIC(bic) {
                account.error(
                    at: node,
                    "`bic` in `vouchers.debtors.\(portal)` is '\(bic)', not a BIC; write the 8 or 11 capital letters "
                        + "and digits of the bank's code, e.g. BPPIITRRXXX")
            }
            account.finish()
            if let name, SEPACreditTransfer.text(name, limit: 70) != nil, let iban, let bic, Vouchers.Debtor.isBIC(bic)
            {
                result[portal] = Vouchers.Debtor(name: name, iban: iban, bic: bic)
            }
        }
        debtors.finish()
        return result
    }

    /// What is wrong with an IBAN, in English, from ``ItalianIdentifiers/IBAN``'s error code (its own message
    /// is Italian, for citizens).
    private static func ibanProblem(_ code: IdentifierError.Code) -> String {
        switch code {
        case .empty: "it is empty"
        case .length: "it has the wrong number of characters for its country"
        case .country: "its first two letters are not a SEPA country"
        case .checksum: "its two check digits do not match the rest"
        case .cin: "its CIN letter does not match the ABI, CAB and account number"
        default: "it must be the country code, two check digits and the account's letters and digits"
        }
    }

    /// A non-empty list of portals that are all in the content tree, each error at its item.
    private static func checkPortals(_ portals: [String], in content: URL, reader: YAMLReader) {
        guard let node = reader.node("portals") else { return }
        if portals.isEmpty {
            reader.error(at: node, "`portals` is empty; list the portals to serve, or remove the key to serve all")
            return
        }
        let known = ContentTree.portalIDs(in: content)
        let items = node.sequence.map(Array.init) ?? [node]
        for (id, item) in zip(portals, items) where !known.contains(id) {
            reader.error(
                at: item,
                "no portal '\(id)' in \(content.path); portals there: \(known.joined(separator: ", "))")
        }
    }

    /// `metrics_allow`, `trust_proxy`: a list of addresses or CIDR blocks, each bad item reported at its place.
    private static func readAddressRanges(_ reader: YAMLReader, _ key: String) -> [AddressRange]? {
        guard let texts = reader.strings(key), let node = reader.node(key) else { return nil }
        let items = node.sequence.map(Array.init) ?? [node]
        var ranges: [AddressRange] = []
        for (text, item) in zip(texts, items) {
            if let range = AddressRange(text) {
                ranges.append(range)
            } else {
                reader.error(
                    at: item,
                    "'\(text)' in `\(key)` is not an address or CIDR block; write e.g. 127.0.0.1 or 10.0.0.0/8")
            }
        }
        return ranges
    }

    private static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// `127.0.0.1:8081`, `[::1]:8081`, `localhost:80`.
    static func hostPort(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }
}
