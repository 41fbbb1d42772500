import Foundation
import Testing

@testable import PiazzaContent

@Suite("Web addresses in portal.yaml follow the daemon's rule")
struct WebAddressTests {
    static func portal(intake: String) -> String {
        "name: Beta\ncomuni:\n  - { name: Beta, istat: \"026021\", province: TV }\nbase_url: https://b.example.it\n"
            + "intake_url: \"\(intake)\"\ndescription: Beta.\ncontacts:\n  email: a@b.it\n"
            + "dpo: { name: D, email: d@b.it }\naccessibility_statement: https://a.example.it\n"
    }

    /// Values as written between double quotes in YAML (`\\` is a backslash, `\t` a tab, `\u200B` a
    /// zero-width space).
    @Test(
        "an intake_url with a // path, a password, a query, another scheme, a backslash, white space, an invisible character or an encoded separator is refused at its line",
        arguments: [
            ("https://i.example.it//evil.example", "path starting with //"),
            ("https://ente:segreto@i.example.it", "user name or password"),
            ("https://i.example.it/?x=1", "?query or #fragment"),
            ("javascript:alert(1)", "absolute http(s) address"),
            (#"http://i.example.it/\\evil.example"#, #"'http://i.example.it/\evil.example' has a backslash"#),
            (#"http://i.example.it\\evil.example"#, "has a backslash"),
            (
                #"http://i.example.it/\t/evil.example"#,
                "'http://i.example.it/<U+0009>/evil.example' has an invisible or control character (U+0009)"
            ),
            (#"http://i.example.it/a\r\nX-Evil: 1"#, "has an invisible or control character (U+000D)"),
            (#"http://i.example.it/\u200B/evil.example"#, "has an invisible or control character (U+200B)"),
            ("http://i.example.it/a b", "has a space (U+0020)"),
            (#"http://i.example.it/a\u00A0b"#, "has a space (U+00A0)"),
            ("http://i.example.it/%2Fevil.example", #"encoded / or \ (%2F, %5C)"#),
            ("http://i.example.it/%5cevil.example", #"encoded / or \ (%2F, %5C)"#),
        ])
    func refused(intake: String, problem: String) throws {
        let content = try ContentFixture()
        try content.write("beta/portal.yaml", Self.portal(intake: intake))
        let diagnostic = try content.onlyDiagnostic()
        #expect(diagnostic.file == "beta/portal.yaml")
        #expect(diagnostic.line == 5 && diagnostic.column == 13)
        #expect(diagnostic.message.hasPrefix("`intake_url`"))
        #expect(diagnostic.message.contains(problem))
    }

    @Test("an address with a path is kept without its trailing slashes")
    func kept() throws {
        let content = try ContentFixture()
        try content.write("beta/portal.yaml", Self.portal(intake: "https://i.example.it/piazza//"))
        #expect(try content.load().portal("beta")?.config.intakeURL == "https://i.example.it/piazza")
    }
}
