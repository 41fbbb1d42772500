import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PiazzaRender
import Testing

@testable import PiazzaContent
@testable import PiazzaIntake

@Suite("What a citizen is told about a file's limit is the limit enforced")
struct UploadLimitTests {
    @Test(
        "a file rule's hint never tells more than its limit, in the units a citizen reads",
        arguments: [
            (5_242_880, "5 MB"), (1_572_864, "1,5 MB"), (5_000_000, "4,7 MB"), (1_048_575, "1023 KB"),
            (307_200, "300 KB"), (16_384, "16 KB"), (1_500, "1 KB"), (500, "500 byte"),
        ])
    func summary(bytes: Int, text: String) {
        #expect(FileRule(maxBytes: bytes).summary == "PDF, JPEG o PNG, al massimo \(text)")
        #expect(FileRule(accept: ["application/pdf"], maxBytes: bytes).summary == "PDF, al massimo \(text)")
        let over = UploadedFile(filename: "a.pdf", detectedType: "application/pdf", size: bytes + 1, sha256: "")
        #expect(FileRule(maxBytes: bytes).refusal(of: over)?.hasPrefix("Il file supera \(text): ") == true)
    }

    @Test("the published form page tells each file field's own types and limit")
    func publishedPage() throws {
        let fixture = try IntakeFixture()
        let runtime = try #require(fixture.app.portals["prova"])
        let form = try #require(runtime.portal.form(id: "domanda"))
        let page = try runtime.pages.renderer.renderFormPage(form)
        // accept: [application/pdf] and no max_bytes: the form's default, 5 MB (the generator knows no daemon).
        #expect(page.contains(#"<p class="hint">File PDF, al massimo 5 MB.</p>"#))
        #expect(!page.contains("JPEG"))
    }

    @Test("the form the daemon shows again with errors tells limits.file_bytes (16 KB here), lower than the field's")
    func formWithErrors() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await IntakeFixture.post(client, IntakeFixture.fields(removing: ["nome"]))
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains(#"<p class="hint">File PDF, al massimo 16 KB.</p>"#))
            #expect(!page.contains("5 MB"))
        }
    }

    @Test("the assisted form of the back office tells limits.file_bytes too")
    func assistedForm() async throws {
        let operators = try await OperatorFixture()
        try await operators.app.buildApplication().test(.router) { client in
            let (page, _, _) = try await AssistedSubmissionTests.open(client)
            #expect(page.contains(#"<p class="hint">File PDF, al massimo 16 KB.</p>"#))
        }
    }

    @Test("a form is lowered to limits.file_bytes field by field; a field under it keeps its own")
    func enforced() throws {
        let limits = DaemonConfig.Limits(bodyBytes: 65_536, fileBytes: 16_384, perIPPerMinute: 10)
        let form = try Self.form(
            """
              - { name: grande, type: file, label: Grande }
              - { name: piccolo, type: file, label: Piccolo, max_bytes: 1000 }
              - { name: pagella, type: file, label: Pagella, accept: [application/pdf] }
              - { name: nota, type: text, label: Nota }
            """)
        let lowered = limits.enforced(form)
        #expect(lowered.field(named: "grande")?.file == FileRule(maxBytes: 16_384))
        #expect(lowered.field(named: "piccolo")?.file == FileRule(maxBytes: 1000))
        #expect(lowered.field(named: "pagella")?.file == FileRule(accept: ["application/pdf"], maxBytes: 16_384))
        #expect(lowered.field(named: "nota") == form.field(named: "nota"))
        #expect(form.fields.map { limits.exceeds($0) } == [true, false, true, false])
        let roomy = DaemonConfig.Limits(bodyBytes: 65_536 * 1024, fileBytes: 10_485_760, perIPPerMinute: 10)
        #expect(roomy.enforced(form) == form)
    }

    @Test("the daemon warns at start for a field that allows more than limits.file_bytes, with its place and the fix")
    func startWarning() throws {
        let fixture = try IntakeFixture()
        let portal = try #require(fixture.app.portals["prova"]).portal
        let lines = ExportWorkingFilesTests.Lines()
        let logger = Logger(label: "test") { _ in ExportWorkingFilesTests.Recorder(lines: lines) }
        IntakeApp.warnAboutSettings(portal, config: fixture.config, logger: logger)
        let warnings = lines.list.withLock { $0 }.filter {
            $0.contains("limits.file_bytes") && $0.contains("form=prova/forms/domanda.yaml:")
        }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("field=documento file_bytes=16384 form=prova/forms/domanda.yaml:") == true)
        #expect(warnings.first?.contains("set max_bytes to at most limits.file_bytes in the form") == true)
        var roomy = fixture.config
        roomy.limits.fileBytes = FileRule.defaultMaxBytes
        lines.list.withLock { $0 = [] }
        IntakeApp.warnAboutSettings(portal, config: roomy, logger: logger)
        #expect(lines.list.withLock { $0 }.allSatisfy { !$0.contains("limits.file_bytes") })
    }

    @Test(
        "the daemon warns at start for a form whose file fields, each within its limit, add up to more than limits.body_bytes"
    )
    func startWarningBody() throws {
        let fixture = try IntakeFixture()
        let portal = try #require(fixture.app.portals["prova"]).portal
        let lines = ExportWorkingFilesTests.Lines()
        let logger = Logger(label: "test") { _ in ExportWorkingFilesTests.Recorder(lines: lines) }
        func warnings(bodyBytes: Int) -> [String] {
            var config = fixture.config
            config.limits.bodyBytes = bodyBytes
            lines.list.withLock { $0 = [] }
            IntakeApp.warnAboutSettings(portal, config: config, logger: logger)
            return lines.list.withLock { $0 }.filter { $0.contains("limits.body_bytes") }
        }
        // The form's one file field, lowered to file_bytes (16 KB), within 64 KB; over 10 KB.
        #expect(warnings(bodyBytes: 65_536).allSatisfy { !$0.contains("form=prova/forms/domanda.yaml") })
        let over = warnings(bodyBytes: 10_000).filter { $0.contains("form=prova/forms/domanda.yaml") }
        #expect(over.count == 1)
        #expect(over.first?.contains("body_bytes=10000 files_bytes=16384 form=prova/forms/domanda.yaml") == true)
    }

    /// A form with `fields` as its one section.
    static func form(_ fields: String) throws -> FormDefinition {
        let yaml = """
            title: Prova
            description: Prova.
            opens: 2026-01-01 09:00
            closes: 2026-12-31 12:00
            privacy: privacy.md
            retention_years: 5
            sections:
              - title: Documenti
                fields:
            \(fields.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))

            """
        let sink = DiagnosticSink()
        let form = FormDefinition.load(id: "prova", source: "t/forms/prova.yaml", text: yaml, sink: sink)
        #expect(!sink.list.hasErrors, "\(sink.list.sorted)")
        return try #require(form)
    }
}
