import Foundation
import GRDB
import PiazzaContent
import Testing

@testable import PiazzaIntake

/// The exports' reader of the stored JSON gives what `JSONDecoder` gives, or nothing (and then the
/// caller asks `JSONDecoder`).
@Suite("Stored JSON reader")
struct StoredJSONReaderTests {
    /// Text that needs every kind of escape, and characters that need none.
    static let awkward = "Rossi; \"Mario\" \\ / <b>\u{0}\u{1F}\n\r\t\u{8}\u{C} à\u{2028}\u{2029} 😀 =SUM(A1)"

    /// Every kind of answer, in a group too.
    static let application = ValidatedApplication(
        formID: "misura-1",
        answers: [
            Answer(name: "nome", value: .text(awkward)), Answer(name: "nascita", value: .date("1990-01-31")),
            Answer(name: "superficie", value: .number("-12.5")), Answer(name: "affitto", value: .cents(-45_050)),
            Answer(name: "max", value: .cents(Int.max)), Answer(name: "min", value: .cents(Int.min)),
            Answer(name: "comune", value: .option("028100")), Answer(name: "servizi", value: .options(["a", awkward])),
            Answer(name: "nessuno", value: .options([])), Answer(name: "privacy", value: .bool(true)),
            Answer(name: "rinuncia", value: .bool(false)),
            Answer(
                name: "documento",
                value: .file(
                    UploadedFile(filename: "carta \"1\".pdf", detectedType: "application/pdf", size: 0, sha256: "ab"))),
            Answer(
                name: "altro",
                value: .file(UploadedFile(filename: "x", detectedType: nil, size: 5_242_880, sha256: "cd"))),
            Answer(name: "isee", value: .isee(cents: 850_000, dsu: "INPS-ISEE-2026-12345678A-00")),
            Answer(
                name: "componenti",
                value: .rows([
                    [Answer(name: "nome", value: .text("Mario")), Answer(name: "nato", value: .date("2010-02-03"))], [],
                ])),
            Answer(name: awkward, value: .text("")),
        ])

    static func decoded(_ text: String) -> ValidatedApplication? {
        try? JSONDecoder().decode(ValidatedApplication.self, from: Data(text.utf8))
    }

    @Test("the stored text of every kind of answer reads back as JSONDecoder reads it")
    func storedText() throws {
        let text = ApplicationRecord.storedText(of: Self.application)
        #expect(StoredJSONReader.application(text) == Self.application)
        #expect(Self.decoded(text) == Self.application)
    }

    @Test(
        "JSON written another way (SQLite's json_object order, white space, escapes of any letter) reads the same",
        arguments: [
            #"{"answers":[{"text":"Maria","name":"nome"}],"formID":"f"}"#,
            " { \"formID\" : \"f\" ,\n\t\"answers\" : [ { \"name\" : \"nome\" , \"text\" : \"Maria\" } ] } \r\n",
            #"{"formID":"f","answers":[{"name":"n\u006fme","text":"Mar\u00eda \ud83d\ude00 \/ \u00E9"}]}"#,
            #"{"formID":"f","answers":[{"name":"doc","file":{"sha256":"ab","size":3,"filename":"a","detectedType":null}}]}"#,
            #"{"formID":"f","answers":[{"name":"isee","isee":{"dsu":"X","cents":-0}},{"name":"r","rows":[[],[]]}]}"#,
            #"{"formID":"f","answers":[]}"#,
        ])
    func otherWriters(text: String) throws {
        let expected = try #require(Self.decoded(text))
        #expect(StoredJSONReader.application(text) == expected)
    }

    @Test(
        "a shape the reader does not read gives nil, and the column still reads through JSONDecoder",
        arguments: [
            #"{"formID":"f","answers":[],"extra":1}"#,
            #"{"formID":"f","answers":[{"name":"n","text":null,"date":"2026-01-01"}]}"#,
            #"{"formID":"f","answers":[{"name":"n","cents":1.0}]}"#,
            #"{"formID":"f","answers":[{"name":"n","cents":1e3}]}"#,
            #"{"formID":"f","formID":"g","answers":[]}"#,
        ])
    func fallsBack(text: String) throws {
        #expect(StoredJSONReader.application(text) == nil)
        let expected = try #require(Self.decoded(text))
        #expect(StoredAnswers.fromDatabaseValue(text.databaseValue)?.application == expected)
    }

    @Test(
        "text that is not JSON, or not an application, gives nil",
        arguments: [
            "", "{", #"{"formID":"f"}"#, #"{"formID":"f","answers":[]} x"#, #"{"formID":"f","answers":[],}"#,
            #"{"formID":"f","answers":[{"name":"n","cents":012}]}"#,
            #"{"formID":"f","answers":[{"name":"n","cents":99999999999999999999}]}"#,
            #"{"formID":"f","answers":[{"name":"n","text":"\ud83d"}]}"#,
            #"{"formID":"f","answers":[{"name":"n","text":"\udc00"}]}"#,
            #"{"formID":"f","answers":[{"name":"n","text":"\x"}]}"#,
            "{\"formID\":\"f\",\"answers\":[{\"name\":\"n\",\"text\":\"a\u{1}b\"}]}",
            #"{"formID":"f","answers":[{"name":"n","bool":tru}]}"#,
            #"{"formID":"f","answers":[{"name":"n","kind":"x"}]}"#,
            #"{"formID":"f","answers":[{"name":"n","text":"a","date":"b"}]}"#,
        ])
    func refuses(text: String) {
        #expect(StoredJSONReader.application(text) == nil)
    }

    @Test("the checks column reads as JSONDecoder reads it; an unknown status gives nil")
    func checks() throws {
        let checks = [
            CheckResult(code: "isee_threshold", status: .warning, message: Self.awkward),
            CheckResult(code: "residence", status: .ok, message: ""),
        ]
        let text = try ApplicationRecord.jsonText(checks, column: "checks")
        #expect(StoredJSONReader.checks(text) == checks)
        #expect(StoredJSONReader.checks("[]") == [])
        #expect(StoredJSONReader.checks(#"[{"code":"x","status":"maybe","message":""}]"#) == nil)
    }
}
