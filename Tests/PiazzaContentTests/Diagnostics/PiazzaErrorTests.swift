import Foundation
import Testing

@testable import PiazzaContent

@Suite("Errors share one shape: code, message, cause, place, and the exit code from who must act")
struct PiazzaErrorTests {
    /// A minimal adopter, to check what the protocol gives every error.
    struct Sample: PiazzaError {
        enum Code: String { case sample }
        var code: Code { .sample }
        var message: String
        var cause: (any Error)?
        var location: PiazzaContent.SourceLocation?
        var kind: ErrorKind
    }

    struct Underlying: Error, CustomStringConvertible {
        var description: String { "disk full" }
    }

    @Test("content, usage and environment errors exit 1; internal faults exit 2")
    func exitCodes() {
        #expect(
            ErrorKind.allCases.map { "\($0.rawValue) \($0.exitCode)" } == [
                "content 1", "usage 1", "environment 1", "internal 2",
            ])
        #expect(Sample(message: "m", kind: .internal).exitCode == 2)
        #expect(Sample(message: "m", kind: .usage).exitCode == 1)
    }

    @Test("the description is the compiler format, with the cause after the message")
    func description() {
        let located = Sample(
            message: "bad value", cause: Underlying(),
            location: PiazzaContent.SourceLocation(file: "alfa/forms/domanda.yaml", line: 12, column: 10),
            kind: .content)
        #expect(located.description == "alfa/forms/domanda.yaml:12:10: error: bad value (disk full)")
        #expect(Sample(message: "no place", kind: .environment).description == "error: no place")
        #expect(located.codeName == "sample")
    }

    @Test("a file system error is told by its path and cause in words, not Foundation's description (finding 17)")
    func systemCause() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("sito")
        try Data("x".utf8).write(to: file)
        func creating(_ url: URL) -> String {
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
                return "created"
            } catch {
                return Sample(message: "cannot create output folder \(url.path)", cause: error, kind: .environment)
                    .description
            }
        }
        let inFile = file.appendingPathComponent("portale")
        #expect(
            creating(inFile)
                == "error: cannot create output folder \(inFile.path) (a part of \(inFile.path) is a file, not a folder)"
        )
        let missing = folder.appendingPathComponent("manca/portale")
        #expect(
            creating(missing)
                == "error: cannot create output folder \(missing.path) (the folder \(folder.path)/manca does not exist)"
        )
        #expect(
            creating(file)
                == "error: cannot create output folder \(file.path) (\(file.path) already exists)")
    }

    @Test(
        "a location prints file:line:column, file:line without a column and the file alone without a line",
        arguments: [
            (3, 7, "a/portal.yaml:3:7"), (3, 0, "a/portal.yaml:3"), (0, 5, "a/portal.yaml"), (0, 0, "a/portal.yaml"),
        ]
    )
    func location(line: Int, column: Int, expected: String) {
        #expect(PiazzaContent.SourceLocation(file: "a/portal.yaml", line: line, column: column).description == expected)
    }

    @Test("content errors are the editor's to fix and exit 1, located at their first error")
    func contentError() {
        var list = DiagnosticList()
        list.error("b/portal.yaml", 2, 1, "second")
        list.error("a/portal.yaml", 4, 3, "first")
        let error = ContentError(list)
        #expect(error.kind == .content && error.exitCode == 1 && error.code == .invalid)
        #expect(error.location == PiazzaContent.SourceLocation(file: "a/portal.yaml", line: 4, column: 3))
        #expect(
            error.description
                == "a/portal.yaml:4:3: error: first\nb/portal.yaml:2:1: error: second\n2 errors in content")
    }

    @Test("a scaffold that cannot be written is the machine's fault; a bad name or an existing file the caller's")
    func scaffoldKinds() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piazza-scaffold-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let badName = #expect(throws: Scaffold.Failure.self) {
            try Scaffold.newPortal(
                id: "Bad Name", comune: "X", istat: "028100", province: "PD", in: folder,
                today: ContentDate(iso: "2026-11-30")!)
        }
        #expect(badName?.kind == .usage && badName?.exitCode == 1)
        #expect(badName?.description == "error: portal name 'Bad Name' must use only a-z, 0-9 and -, e.g. vigonza")
        #expect(Scaffold.Failure(code: .write, message: "m").kind == .environment)
    }
}
