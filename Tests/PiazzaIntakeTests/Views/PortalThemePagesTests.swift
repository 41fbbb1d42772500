import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PiazzaContent
import PiazzaRender
import Testing

@testable import PiazzaIntake

/// The daemon on the demo content: Conegliano's citizen pages in its `italia` theme, Vigonza's in the default
/// one, the back office in the default one for both; each theme's assets served at any depth, nothing else.
@Suite("Daemon pages in each portal's theme")
final class PortalThemePagesTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-themes-\(UUID().uuidString)")
    let app: IntakeApp

    init() async throws {
        let repository = IntakeFixture.repository
        let config = DaemonConfig(
            contentFolder: repository.appendingPathComponent("content"),
            themeFolder: repository.appendingPathComponent("themes/default"),
            dataFolder: root.appendingPathComponent("data"))
        app = try IntakeApp(
            config: config, content: ContentTree.load(from: config.contentFolder),
            theme: Theme.load(from: config.themeFolder), logger: Logger(label: "test"), clock: { IntakeFixture.now })
        let hash = await PasswordHashing(cost: 4).hash(OperatorFixture.password)
        try await app.accounts.addUser(
            name: "anna", role: .operator, portals: ["conegliano"], merchant: nil, passwordHash: hash,
            at: IntakeFixture.now)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    static let italiaStyles = [
        #"<link rel="stylesheet" href="/themes/italia/vendor/bootstrap-italia/bootstrap-italia.min.css">"#,
        #"<link rel="stylesheet" href="/themes/italia/italia.css">"#,
    ]
    static let defaultStyle = #"href="/assets/style.css""#

    /// A stored application's receipt address in `portal`.
    func receipt(in portal: String) async throws -> String {
        let database = try #require(app.portals[portal]).database
        return "/r/" + (try await database.storeApplication(PortalDatabaseTests.draft(key: portal)).token)
    }

    @Test("a Conegliano receipt and message page link the italia theme's styles, Vigonza's the default theme's")
    func citizenPages() async throws {
        let (conegliano, vigonza) = (try await receipt(in: "conegliano"), try await receipt(in: "vigonza"))
        try await app.buildApplication().test(.router) { client in
            for uri in [conegliano, "/grazie/conegliano"] {
                let response = try await client.execute(uri: uri, method: .get)
                // Bootstrap Italia's stylesheet embeds a font as a data: URL.
                #expect(response.headers[.contentSecurityPolicy]?.contains("font-src 'self' data:") == true)
                let page = String(buffer: response.body)
                for style in Self.italiaStyles { #expect(page.contains(style), "\(uri)") }
                #expect(!page.contains(Self.defaultStyle), "\(uri)")
                #expect(page.contains(#"<header class="it-header-wrapper">"#), "\(uri)")
            }
            for uri in [vigonza, "/grazie/vigonza"] {
                let page = String(buffer: try await client.execute(uri: uri, method: .get).body)
                #expect(page.contains(Self.defaultStyle), "\(uri)")
                #expect(!page.contains("bootstrap-italia"), "\(uri)")
            }
        }
    }

    @Test("the back office of a portal on the italia theme stays on the default theme")
    func backOffice() async throws {
        try await app.buildApplication().test(.router) { client in
            let session = try await OperatorFixture.session(client, "anna")
            let dashboard = try await OperatorFixture.get(client, "/operator/conegliano/cruscotto", session: session)
            #expect(dashboard.status == .ok)
            let page = String(buffer: dashboard.body)
            #expect(page.contains(Self.defaultStyle))
            #expect(!page.contains("bootstrap-italia"))
        }
    }

    @Test(
        "each theme's files are served byte for byte with their type, at any depth",
        arguments: [
            (
                "/themes/italia/vendor/bootstrap-italia/bootstrap-italia.min.css", "italia",
                "vendor/bootstrap-italia/bootstrap-italia.min.css", "text/css; charset=utf-8"
            ),
            (
                "/themes/italia/vendor/fonts/Lora/lora-v20-latin-ext_latin-regular.woff2", "italia",
                "vendor/fonts/Lora/lora-v20-latin-ext_latin-regular.woff2", "font/woff2"
            ),
            ("/themes/italia/italia.css", "italia", "italia.css", "text/css; charset=utf-8"),
            // A file the italia theme does not replace is the default theme's, as in the build.
            ("/themes/italia/form.js", "default", "form.js", "text/javascript; charset=utf-8"),
            ("/assets/style.css", "default", "style.css", "text/css; charset=utf-8"),
        ])
    func assets(uri: String, theme: String, file: String, type: String) async throws {
        let expected = try Data(
            contentsOf: IntakeFixture.repository.appendingPathComponent("themes/\(theme)/assets/\(file)"))
        try await app.buildApplication().test(.live) { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == type)
            #expect(Data(buffer: response.body) == expected)
        }
    }

    @Test(
        "a path that is not a file the theme lists is refused with 404",
        arguments: [
            "/assets/../Package.swift", "/assets/..%2FPackage.swift", "/assets/%2e%2e/%2e%2e/Package.swift",
            "/themes/italia/../../Package.swift", "/themes/italia/%2e%2e/packaged-assets.txt",
            "/themes/italia/vendor/../italia.css", "/themes/italia/./italia.css", "/themes/../assets/style.css",
            "/themes/..%2Fitalia/italia.css", "/themes/italia/vendor/.stamp", "/themes/italia/packaged-assets.txt",
            "/themes/italia/templates/base.mustache", "/themes/nessuno/style.css",
            "/assets/vendor/bootstrap-italia/bootstrap-italia.min.css", "/assets/", "/themes/italia/",
        ])
    func refused(uri: String) async throws {
        try await app.buildApplication().test(.live) { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .notFound, "\(uri)")
        }
    }
}
