import PiazzaContent

/// Reads the JSON of the `answers` and `checks` columns straight into their types, for the reads that
/// go through every row of a form (exports, payments lists), where Foundation's decoders cost most of
/// the time.
///
/// Why not the library: on the 100,000-row CSV export (`bench/reports.sh`, release build, 2-core
/// AMD EPYC, Swift 6.3.1) `JSONDecoder` through the `Codable` conformances took 61 % of 6.3 s of CPU,
/// about 38 µs a row: each answer is two keyed containers and up to ten `decodeIfPresent` probes
/// (``AnswerValue``'s kinds), each a boxed lookup. `JSONSerialization` is no way out: on the same
/// rows it takes about 20 µs a row just to build its `[String: Any]` tree of boxed values, before the
/// casts into these types. This reader walks the UTF-8 bytes once and builds the values directly:
/// about 3 µs a row (13 % of the export after the change; bench/RESULTS.md, *Reports*).
///
/// It reads exactly the shapes ``PortalRecord`` writes and nothing looser: any surprise (a key it
/// does not know, a repeated key, a `null`, a number that is not a plain integer, an escape it cannot
/// decode, text after the value) makes it give up with `nil`, and the caller decodes with
/// `JSONDecoder` as before, so a value read here is always the one `JSONDecoder` gives.
struct StoredJSONReader {
    /// Thrown inside the reader when the text is not a shape it reads; never escapes it.
    private struct Unread: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The answers of an `answers` column, or `nil` when `text` is not the stored shape.
    static func application(_ text: String) -> ValidatedApplication? {
        read(text) { try $0.application() }
    }

    /// The results of a `checks` column, or `nil` when `text` is not the stored shape.
    static func checks(_ text: String) -> [CheckResult]? {
        read(text) { reader in try reader.array { try $0.check() } }
    }

    private static func read<Value>(_ text: String, _ body: (inout StoredJSONReader) throws -> Value) -> Value? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = StoredJSONReader(bytes)
            guard let value = try? body(&reader) else { return nil }
            reader.skipSpace()
            return reader.index == bytes.count ? value : nil
        }
    }

    // MARK: The stored types

    private mutating func application() throws -> ValidatedApplication {
        var formID: String?
        var answers: [Answer]?
        try object { reader, key in
            switch key {
            case "formID" where formID == nil: formID = try reader.string()
            case "answers" where answers == nil: answers = try reader.array { try $0.answer() }
            default: throw Unread()
            }
        }
        guard let formID, let answers else { throw Unread() }
        return ValidatedApplication(formID: formID, answers: answers)
    }

    /// `{"name": "nome", "text": "Maria"}`: the name and exactly one kind.
    private mutating func answer() throws -> Answer {
        var name: String?
        var value: AnswerValue?
        try object { reader, key in
            if key == "name" {
                guard name == nil else { throw Unread() }
                name = try reader.string()
                return
            }
            guard value == nil else { throw Unread() }
            value = try reader.answerValue(kind: key)
        }
        guard let name, let value else { throw Unread() }
        return Answer(name: name, value: value)
    }

    private mutating func answerValue(kind: String) throws -> AnswerValue {
        switch kind {
        case "text": .text(try string())
        case "date": .date(try string())
        case "number": .number(try string())
        case "cents": .cents(try integer())
        case "option": .option(try string())
        case "options": .options(try array { try $0.string() })
        case "bool": .bool(try bool())
        case "file": .file(try file())
        case "isee": try isee()
        case "rows": .rows(try array { row in try row.array { try $0.answer() } })
        default: throw Unread()
        }
    }

    private mutating func isee() throws -> AnswerValue {
        var cents: Int?
        var dsu: String?
        try object { reader, key in
            switch key {
            case "cents" where cents == nil: cents = try reader.integer()
            case "dsu" where dsu == nil: dsu = try reader.string()
            default: throw Unread()
            }
        }
        guard let cents, let dsu else { throw Unread() }
        return .isee(cents: cents, dsu: dsu)
    }

    private mutating func file() throws -> UploadedFile {
        var filename: String?
        var detectedType: String??
        var size: Int?
        var sha256: String?
        try object { reader, key in
            switch key {
            case "filename" where filename == nil: filename = try reader.string()
            case "detectedType" where detectedType == nil: detectedType = .some(try reader.nullOrString())
            case "size" where size == nil: size = try reader.integer()
            case "sha256" where sha256 == nil: sha256 = try reader.string()
            default: throw Unread()
            }
        }
        guard let filename, let size, let sha256 else { throw Unread() }
        return UploadedFile(filename: filename, detectedType: detectedType ?? nil, size: size, sha256: sha256)
    }

    private mutating func check() throws -> CheckResult {
        var code: String?
        var status: CheckResult.Status?
        var message: String?
        try object { reader, key in
            switch key {
            case "code" where code == nil: code = try reader.string()
            case "status" where status == nil:
                guard let read = CheckResult.Status(rawValue: try reader.string()) else { throw Unread() }
                status = read
            case "message" where message == nil: message = try reader.string()
            default: throw Unread()
            }
        }
        guard let code, let status, let message else { throw Unread() }
        return CheckResult(code: code, status: status, message: message)
    }

    // MARK: JSON (RFC 8259)

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// The next byte after white space, consumed when it is `expected`.
    private mutating func take(_ expected: UInt8) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == expected else { return false }
        index += 1
        return true
    }

    private mutating func expect(_ expected: UInt8) throws {
        guard take(expected) else { throw Unread() }
    }

    /// An object: `member` reads the value of each key in turn.
    private mutating func object(_ member: (inout StoredJSONReader, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if take(UInt8(ascii: "}")) { return }
        repeat {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    private mutating func array<Element>(_ element: (inout StoredJSONReader) throws -> Element)
        throws -> [Element]
    {
        try expect(UInt8(ascii: "["))
        var elements: [Element] = []
        if take(UInt8(ascii: "]")) { return elements }
        repeat { elements.append(try element(&self)) } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
        return elements
    }

    /// `word` at the reading point, consumed when there.
    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
            UnsafeBufferPointer(start: word.utf8Start, count: count).elementsEqual(bytes[index..<index + count])
        else { return false }
        index += count
        return true
    }

    private mutating func bool() throws -> Bool {
        skipSpace()
        if literal("true") { return true }
        if literal("false") { return false }
        throw Unread()
    }

    private mutating func nullOrString() throws -> String? {
        skipSpace()
        return literal("null") ? nil : try string()
    }

    /// A plain integer: an optional minus and digits without leading zeros. Fractions and exponents
    /// are left to `JSONDecoder`.
    private mutating func integer() throws -> Int {
        skipSpace()
        let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let start = index
        var value = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            let digit = Int(bytes[index] - UInt8(ascii: "0"))
            let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = times.addingReportingOverflow(negative ? -digit : digit)
            guard !overflowTimes, !overflowSum else { throw Unread() }
            value = sum
            index += 1
        }
        let digits = index - start
        guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0") else { throw Unread() }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] | 0x20 == UInt8(ascii: "e") {
            throw Unread()
        }
        return value
    }

    /// A string, its escapes decoded. The text between escapes is copied as it is: it comes from a
    /// Swift `String`, so it is valid UTF-8, and every delimiter is ASCII.
    private mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        var start = index
        var scalars: [UInt8] = []
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                // Rebased, not a slice: a slice takes String's slow, element-by-element path.
                let tail = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                guard escaped else { return String(decoding: tail, as: UTF8.self) }
                scalars.append(contentsOf: tail)
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                escaped = true
                scalars.append(contentsOf: bytes[start..<index])
                index += 1
                try unescape(into: &scalars)
                start = index
            case 0..<0x20: throw Unread()
            default: index += 1
            }
        }
        throw Unread()
    }

    /// The escape after a backslash, appended as UTF-8.
    private mutating func unescape(into output: inout [UInt8]) throws {
        guard index < bytes.count else { throw Unread() }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var code = UInt32(try hex4())
            if (0xD800..<0xDC00).contains(code) {
                // A high surrogate must be followed by `\u` and a low one.
                guard literal("\\u") else { throw Unread() }
                let low = UInt32(try hex4())
                guard (0xDC00..<0xE000).contains(low) else { throw Unread() }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { throw Unread() }
            output.append(contentsOf: String(Character(scalar)).utf8)
        default: throw Unread()
        }
    }

    private mutating func hex4() throws -> UInt16 {
        guard index + 4 <= bytes.count else { throw Unread() }
        var value: UInt16 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Unread()
            }
            value = value << 4 | UInt16(digit)
        }
        index += 4
        return value
    }
}
