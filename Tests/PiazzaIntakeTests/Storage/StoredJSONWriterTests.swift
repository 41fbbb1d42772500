import Foundation
import PiazzaContent
import Testing

@testable import PiazzaIntake

/// The stored JSON of answers and checks is the text `JSONEncoder` writes with ``PortalRecord``'s
/// options, byte for byte: the idempotency key of a submission is computed over it, and rows stored
/// before the writer must keep matching a repeat of their submission.
@Suite("Stored JSON writer")
struct StoredJSONWriterTests {
    /// Every control character, DEL, the line and paragraph separators, a byte order mark, a slash,
    /// a combining accent and a character outside the Basic Multilingual Plane.
    static let everyEscape =
        String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        + "\u{7F}\"\\/\u{2028}\u{2029}\u{FEFF}e\u{301}é😀</script>"

    static func encoded(_ value: some Encodable, column: String) throws -> String {
        try ApplicationRecord.jsonText(value, column: column)
    }

    @Test("every kind of answer, in a group too, is written as JSONEncoder writes it")
    func application() throws {
        let application = StoredJSONReaderTests.application
        #expect(StoredJSONWriter.text(of: application) == (try Self.encoded(application, column: "answers")))
    }

    @Test(
        "each kind of answer alone, with text that needs every escape",
        arguments: [
            AnswerValue.text(everyEscape), .date(everyEscape), .number(everyEscape), .option(everyEscape),
            .options([everyEscape, ""]), .cents(0), .cents(-1), .bool(true), .bool(false),
            .file(UploadedFile(filename: everyEscape, detectedType: everyEscape, size: Int.max, sha256: "")),
            .file(UploadedFile(filename: "a", detectedType: nil, size: 0, sha256: everyEscape)),
            .isee(cents: Int.min, dsu: everyEscape), .rows([]), .rows([[], [Answer(name: "n", value: .text("x"))]]),
        ])
    func answer(value: AnswerValue) throws {
        let application = ValidatedApplication(
            formID: Self.everyEscape, answers: [Answer(name: Self.everyEscape, value: value)])
        #expect(StoredJSONWriter.text(of: application) == (try Self.encoded(application, column: "answers")))
    }

    @Test("no answers at all")
    func empty() throws {
        let application = ValidatedApplication(formID: "", answers: [])
        #expect(StoredJSONWriter.text(of: application) == #"{"answers":[],"formID":""}"#)
        #expect(StoredJSONWriter.text(of: application) == (try Self.encoded(application, column: "answers")))
    }

    @Test("the checks column is written as JSONEncoder writes it")
    func checks() throws {
        let checks = [
            CheckResult(code: "isee_threshold", status: .warning, message: Self.everyEscape),
            CheckResult(code: "residence", status: .ok, message: ""),
        ]
        #expect(StoredJSONWriter.text(of: checks) == (try Self.encoded(checks, column: "checks")))
        #expect(StoredJSONWriter.text(of: []) == "[]")
    }
}
