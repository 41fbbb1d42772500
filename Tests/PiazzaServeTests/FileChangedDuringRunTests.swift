import PiazzaContent
import Testing

@testable import PiazzaServe

/// Finding 10 of session 13: a page saved while the preview rebuilt is no content error.
@Suite("A rebuild that met a file saved meanwhile is rebuilt again, not shown as an error")
struct FileChangedDuringRunTests {
    static func failure(_ messages: [String]) -> PreviewFailure {
        var diagnostics = DiagnosticList()
        for message in messages {
            diagnostics.append(Diagnostic(file: "vigonza/notizie/festa.md", line: 0, column: 0, message: message))
        }
        return PreviewFailure(ContentError(diagnostics))
    }

    @Test("only errors of files saved or removed while read make the failure one to rebuild for")
    func classification() {
        let changed =
            "the file changed while piazza used it (after its front matter was read); run the command again"
        let gone =
            "cannot read the file again (it was removed or made unreadable while piazza used it); run the command again"
        #expect(Self.failure([changed]).isFileChangedDuringRun)
        #expect(Self.failure([changed, gone]).isFileChangedDuringRun)
        #expect(
            !Self.failure([changed, "news front matter is missing `date`; add `date: YYYY-MM-DD`"])
                .isFileChangedDuringRun)
        #expect(!Self.failure([]).isFileChangedDuringRun)
        #expect(!PreviewFailure(CancellationError()).isFileChangedDuringRun)
    }
}
