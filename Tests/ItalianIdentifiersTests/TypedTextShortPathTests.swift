import Foundation
import ItalianIdentifiers
import Testing

/// ``TypedText`` takes short paths for printable ASCII and for text below the combining marks (U+0300),
/// where no scalar composes and no character carries marks; these tests hold them to the full rule.
@Suite("TypedText: text without combining marks is normalised and bounded as the full rule says")
struct TypedTextShortPathTests {
    /// The rule of ``TypedText/normalized(_:multiline:)`` for one scalar between two letters, single-line.
    static func expected(around scalar: Unicode.Scalar) -> String {
        let kept: String
        switch scalar {
        case "\t", "\n", "\r", "\u{85}":
            kept = " "
        default:
            switch scalar.properties.generalCategory {
            case .spaceSeparator: kept = " "
            case .control: kept = ""
            default: kept = scalar.properties.isDefaultIgnorableCodePoint ? "" : String(scalar)
            }
        }
        return ("a" + kept + "b").precomposedStringWithCanonicalMapping
    }

    @Test("every scalar up to the end of the combining marks block (U+036F), between two letters, follows the rule")
    func everyScalar() {
        for value in UInt32(0)..<0x370 {
            let scalar = Unicode.Scalar(value)!
            let output = TypedText.normalized("a" + String(scalar) + "b")
            #expect(Array(output.unicodeScalars) == Array(Self.expected(around: scalar).unicodeScalars), "U+\(value)")
        }
    }

    @Test(
        "printable ASCII is only trimmed; a combining mark after it still composes",
        arguments: [
            ("  Maria  Rossi ", "Maria  Rossi"), ("BNCLRA90A41H501F", "BNCLRA90A41H501F"), ("   ", ""),
            ("perche\u{301} cos\u{EC}", "perch\u{E9} cos\u{EC}"), ("A\u{30A}ngstr\u{F6}m", "\u{C5}ngstr\u{F6}m"),
            (" cos\u{EC} \u{E8} ", "cos\u{EC} \u{E8}"), ("\u{E8}", "\u{E8}"), ("\u{FF}\u{A1}", "\u{FF}\u{A1}"),
            ("pi\u{F9}\u{AD}", "pi\u{F9}"), ("gi\u{E0}\u{A0}s\u{EC}", "gi\u{E0} s\u{EC}"), ("\u{9F}\u{E9}", "\u{E9}"),
            ("\u{E9}\u{200B}", "\u{E9}"), ("\n\u{E8}\n", "\u{E8}"),
        ])
    func asciiAndLatin(input: String, expected: String) {
        #expect(Array(TypedText.normalized(input).unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test(
        "identifiers of printable ASCII are trimmed and their runs of spaces made one",
        arguments: [("  BNCLRA90A41H501F ", "BNCLRA90A41H501F"), ("049  123   456", "049 123 456"), ("  ", "")])
    func asciiIdentifierTrim(input: String, expected: String) {
        #expect(TypedText.identifier(input) == expected)
    }

    @Test("identifiers keep every printable ASCII character as it is, runs of spaces made one")
    func asciiIdentifier() {
        for value in UInt32(0x21)...0x7E {
            let character = String(Unicode.Scalar(value)!)
            #expect(TypedText.identifier("a" + character + "  b") == "a" + character + " b", "U+\(value)")
        }
    }

    @Test(
        "a limit counts characters, also when a text below U+0300 has more scalars than the limit",
        arguments: [
            ("ab\r\ncd", 5, true), ("ab\r\ncd", 4, false), (String(repeating: "\u{E0}", count: 20), 20, true),
            (String(repeating: "\u{E0}", count: 21), 20, false), ("perche\u{301}", 6, true),
        ])
    func limit(text: String, limit: Int, fits: Bool) {
        #expect(((try? TypedText.checkLength(text, limit: limit)) != nil) == fits)
    }
}
