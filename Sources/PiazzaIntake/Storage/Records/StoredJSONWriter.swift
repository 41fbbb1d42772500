import PiazzaContent

/// Writes the JSON of the `answers` and `checks` columns: the very bytes `JSONEncoder` gives with
/// ``PortalRecord``'s options (`.sortedKeys`, `.withoutEscapingSlashes`), the counterpart of
/// ``StoredJSONReader``.
///
/// Why not the library: every submission encodes its answers (the idempotency key is computed over
/// the text) and its checks, and `JSONEncoder` through the `Codable` conformances was 9 % of the
/// daemon's CPU under `bench/intake.sh` (boxed containers, generic metadata lookups, a sort of the
/// keys of every object); this writer appends the bytes in one pass. The keys of each object are
/// written in the order `.sortedKeys` gives (byte order), and strings are escaped as Foundation does:
/// `"` and `\` with a backslash, U+0008, U+0009, U+000A, U+000C and U+000D as `\b \t \n \f \r`, the
/// other controls below U+0020 as `\u00xx` in lower-case hex, everything else as it is.
/// `StoredJSONWriterTests` pins the output against `JSONEncoder` byte for byte.
struct StoredJSONWriter {
    private var bytes: [UInt8] = []

    private init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// The `answers` column of `application`.
    static func text(of application: ValidatedApplication) -> String {
        var writer = StoredJSONWriter(capacity: 2048)
        writer.application(application)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The `checks` column of `checks`.
    static func text(of checks: [CheckResult]) -> String {
        var writer = StoredJSONWriter(capacity: 256)
        writer.array(checks) { $0.check($1) }
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    // MARK: The stored types

    private mutating func application(_ application: ValidatedApplication) {
        append("{\"answers\":")
        array(application.answers) { $0.answer($1) }
        append(",\"formID\":")
        string(application.formID)
        append("}")
    }

    /// `{"name":"nome","text":"Maria"}`, the kind's key before or after `name` as they sort.
    private mutating func answer(_ answer: Answer) {
        let (kind, beforeName) = Self.kind(of: answer.value)
        append("{")
        if beforeName {
            member(kind, answer.value)
            append(",\"name\":")
            string(answer.name)
        } else {
            append("\"name\":")
            string(answer.name)
            append(",")
            member(kind, answer.value)
        }
        append("}")
    }

    /// The key of an ``AnswerValue`` case in its JSON object, and whether it sorts before `name`.
    private static func kind(of value: AnswerValue) -> (key: StaticString, beforeName: Bool) {
        switch value {
        case .bool: ("bool", true)
        case .cents: ("cents", true)
        case .date: ("date", true)
        case .file: ("file", true)
        case .isee: ("isee", true)
        case .number: ("number", false)
        case .option: ("option", false)
        case .options: ("options", false)
        case .rows: ("rows", false)
        case .text: ("text", false)
        }
    }

    private mutating func member(_ kind: StaticString, _ value: AnswerValue) {
        append("\"")
        append(kind)
        append("\":")
        switch value {
        case .text(let text), .date(let text), .number(let text), .option(let text): string(text)
        case .cents(let cents): integer(cents)
        case .options(let values): array(values) { $0.string($1) }
        case .bool(let bool): append(bool ? "true" : "false")
        case .file(let file): self.file(file)
        case .isee(let cents, let dsu):
            append("{\"cents\":")
            integer(cents)
            append(",\"dsu\":")
            string(dsu)
            append("}")
        case .rows(let rows): array(rows) { writer, row in writer.array(row) { $0.answer($1) } }
        }
    }

    /// `detectedType` is left out when `nil`, as the synthesized `Codable` conformance does.
    private mutating func file(_ file: UploadedFile) {
        append("{")
        if let type = file.detectedType {
            append("\"detectedType\":")
            string(type)
            append(",")
        }
        append("\"filename\":")
        string(file.filename)
        append(",\"sha256\":")
        string(file.sha256)
        append(",\"size\":")
        integer(file.size)
        append("}")
    }

    private mutating func check(_ check: CheckResult) {
        append("{\"code\":")
        string(check.code)
        append(",\"message\":")
        string(check.message)
        append(",\"status\":")
        string(check.status.rawValue)
        append("}")
    }

    // MARK: JSON (RFC 8259)

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func array<Element>(_ elements: [Element], _ element: (inout StoredJSONWriter, Element) -> Void) {
        append("[")
        for (index, value) in elements.enumerated() {
            if index > 0 { append(",") }
            element(&self, value)
        }
        append("]")
    }

    private mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// `text` quoted, the runs between escapes copied whole.
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated()
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                escape(byte)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case 0x08: append("\\b")
        case 0x09: append("\\t")
        case 0x0A: append("\\n")
        case 0x0C: append("\\f")
        case 0x0D: append("\\r")
        case 0..<0x20:
            append("\\u00")
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0x0F)])
        default:
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(byte)
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
