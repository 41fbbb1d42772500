import Foundation
import Hummingbird
import HummingbirdTesting
import PiazzaContent
import PiazzaRender
import Testing

@testable import PiazzaIntake

@Suite("The published form and the daemon agree")
struct GeneratorContractTests {
    /// Every control of the first form on a page: posted name and input type.
    static func controls(in page: String) -> [(name: String, type: String)] {
        let form = page[page.range(of: "<form")!.lowerBound..<page.range(of: "</form>")!.upperBound]
        let pattern = try! NSRegularExpression(pattern: #"<(input|select|textarea)\b([^>]*)>"#)
        let text = String(form)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            let tag = String(text[Range(match.range(at: 1), in: text)!])
            let attributes = String(text[Range(match.range(at: 2), in: text)!])
            func attribute(_ name: String) -> String? {
                guard let range = attributes.range(of: #"\#(name)="([^"]*)""#, options: .regularExpression) else {
                    return nil
                }
                return String(attributes[range].dropFirst(name.count + 2).dropLast())
            }
            guard let name = attribute("name") else { return nil }
            return (name, tag == "input" ? attribute("type") ?? "text" : tag)
        }
    }

    @Test("the generated page, filled and posted as a browser sends it (every control, empty ones included), is stored")
    func browserPost() async throws {
        let fixture = try IntakeFixture()
        let tree = try ContentTree.load(from: fixture.config.contentFolder)
        let portal = try #require(tree.portal("prova"))
        let renderer = PortalRenderer(
            portal: portal, theme: try Theme.load(from: fixture.config.themeFolder), now: IntakeFixture.now)
        let page = try renderer.renderFormPage(try #require(portal.form(id: "domanda")))
        let filled = Dictionary(IntakeFixture.fields([("_key", "browser")]), uniquingKeysWith: { first, _ in first })
        var seen = Set<String>()
        var fields: [(String, String)] = []
        for control in Self.controls(in: page) where control.type != "file" && control.type != "submit" {
            if control.type == "checkbox" || control.type == "radio" {
                guard let value = filled[control.name], seen.insert(control.name).inserted else { continue }
                fields.append((control.name, value))
            } else {
                fields.append((control.name, filled[control.name] ?? ""))
            }
        }
        #expect(fields.contains { $0.0 == "componenti.3.nome" })
        #expect(fields.contains { $0.0 == "_key" } && fields.contains { $0.0 == "sito_web" })
        let posted = fields
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await IntakeFixture.post(client, posted)
            #expect(response.status == .seeOther)
            #expect(try fixture.applicationCount() == 1)
        }
    }
}
