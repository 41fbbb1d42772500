import Foundation
import NIOCore
import Testing

@testable import PiazzaIntake

@Suite("Reading posted bodies")
struct PostedFormTests {
    /// Every name is a name of the form, read up to 100 bytes.
    static func anyName(_ name: String) -> Int? { 100 }

    @Test("URL-encoded bodies decode + and %XX, keep repeated names in order, and refuse bad escapes")
    func urlEncoded() throws {
        let form = try PostedForm.urlEncoded(
            "nome=Maria+Rossi&giorni=lunedi&giorni=marted%C3%AC&vuoto=&solo".utf8, byteLimit: Self.anyName)
        #expect(form.values["nome"] == ["Maria Rossi"])
        #expect(form.values["giorni"] == ["lunedi", "martedì"])
        #expect(form.values["vuoto"] == [""])
        #expect(form.values["solo"] == [""])
        for bad in ["nome=%ZZ", "nome=%C3", "nome=%4", "nome=%", "n%FFome=x"] {
            #expect(throws: PostedForm.ParseError.self, "\(bad)") {
                try PostedForm.urlEncoded(bad.utf8, byteLimit: Self.anyName)
            }
        }
        #expect(throws: PostedForm.ParseError.self) {
            try PostedForm.urlEncoded(Array("nome=".utf8) + [0xFF], byteLimit: Self.anyName)
        }
    }

    @Test("a body with more values than any form holds is refused")
    func tooManyValues() throws {
        let many = Array(repeating: "giorni=x", count: PostedForm.maxFields).joined(separator: "&")
        #expect(
            try PostedForm.urlEncoded(many.utf8, byteLimit: Self.anyName).values["giorni"]?.count
                == PostedForm.maxFields)
        #expect(throws: PostedForm.ParseError.self) {
            try PostedForm.urlEncoded((many + "&altro=y").utf8, byteLimit: Self.anyName)
        }
    }

    @Test(
        "header parameters follow RFC 9110, 8187 and 2231: quotes, escapes, `;` inside quotes, extended values first",
        arguments: [
            (#"form-data; name="documento"; filename="ricevuta; marzo.pdf""#, "filename", "ricevuta; marzo.pdf"),
            (#"form-data; name="a;b""#, "name", "a;b"),
            (#"form-data; name="doc"; filename="la \"mia\" carta.pdf""#, "filename", #"la "mia" carta.pdf"#),
            (#"form-data; name="doc"; filename="C:\fakepath\x.pdf""#, "filename", #"C:\fakepath\x.pdf"#),
            (#"form-data; name="doc"; filename="C:\\dati\\carta.pdf""#, "filename", #"C:\dati\carta.pdf"#),
            ("form-data; name=doc; filename=ricevuta.pdf", "filename", "ricevuta.pdf"),
            ("form-data; name=doc; filename*=UTF-8''ricevuta%20marzo%C3%A8.pdf", "filename", "ricevuta marzoè.pdf"),
            (#"form-data; filename="vecchio.pdf"; filename*=utf-8'it'nuovo.pdf"#, "filename", "nuovo.pdf"),
            ("form-data; filename*=UTF-8''nuovo.pdf; filename=vecchio.pdf", "filename", "nuovo.pdf"),
            ("form-data; filename*=ISO-8859-1''ricevuta%E8.pdf", "filename", "ricevutaè.pdf"),
            (#"form-data; filename*=windows-1252''x%E8.pdf; filename="ripiego.pdf""#, "filename", "ripiego.pdf"),
            (#"form-data; filename*0="ricevuta"; filename*1=" marzo.pdf""#, "filename", "ricevuta marzo.pdf"),
            ("form-data; filename*1=marzo.pdf; filename*0*=UTF-8''ricevuta%20", "filename", "ricevuta marzo.pdf"),
            (#"Form-Data ; NAME = "x" ;"#, "name", "x"),
            (#"multipart/form-data; boundary="abc def""#, "boundary", "abc def"),
            ("multipart/form-data; boundary=abc", "boundary", "abc"),
        ])
    func parameters(header: String, name: String, value: String) throws {
        let parsed = try #require(HeaderValue(header))
        #expect(parsed[name] == value)
    }

    @Test(
        "a header value that does not follow the grammar is refused, not guessed",
        arguments: [
            #"form-data; name="x"#, #"form-data; name="x"y"#, "form-data; name", #"form-data; name="a"; name="b""#,
            #"form-data; na me="x""#, "form-data; filename*=UTF-8''%ZZ.pdf", "form-data; filename*=ricevuta.pdf",
            #"form-data; filename*0="a"; filename*2="b""#,
            #"form-data; filename*0="a"; filename*0="b""#,
        ])
    func malformedParameters(header: String) {
        #expect(HeaderValue(header) == nil)
    }

    /// File names sent only in a form that cannot be read: another charset, or bytes that are not UTF-8.
    static let unreadableNames = [
        "filename*=KOI8-R''%E1%C2.pdf", "filename*=UTF-8''caf%E8.pdf", "filename*=windows-1252''x%E8.pdf",
        "filename*0*=KOI8-R''%E1; filename*1=.pdf", "filename*0*=UTF-8''caf%E8; filename*1=.pdf",
    ]

    @Test(
        "a file name that cannot be read falls back to the plain filename, else is marked unreadable",
        arguments: unreadableNames)
    func unreadableParameter(name: String) throws {
        let alone = try #require(HeaderValue("form-data; name=doc; \(name)"))
        #expect(alone["filename"] == nil)
        #expect(alone.isUnreadable("filename"))
        let withPlain = try #require(HeaderValue(#"form-data; name=doc; filename="ripiego.pdf"; "# + name))
        #expect(withPlain["filename"] == "ripiego.pdf")
        #expect(!withPlain.isUnreadable("filename"))
    }

    @Test(
        "an upload whose name cannot be read is refused asking to rename the file, never kept as a text value",
        arguments: unreadableNames.map { Array("name=\"doc\"; \($0)".utf8) } + [
            Array(#"name="doc"; filename="caf"#.utf8) + [0xE8] + Array(#".pdf""#.utf8)
        ])
    func unreadableUpload(disposition: [UInt8]) {
        var body = ByteBuffer()
        body.writeString("--XX\r\nContent-Disposition: form-data; ")
        body.writeBytes(disposition)
        body.writeString("\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--XX--\r\n")
        let error = #expect(throws: PostedForm.ParseError.self) {
            try PostedForm.parse(
                contentType: "multipart/form-data; boundary=XX", body: body, fileLimit: 1000, byteLimit: Self.anyName)
        }
        #expect(error?.message == PostedForm.unreadableFilename.message)
    }

    @Test(
        "stored file names are the base name, in NFC, without control or bidi characters, at most 255 bytes",
        arguments: [
            (#"C:\fakepath\x.pdf"#, "x.pdf"), ("../../etc/passwd.pdf", "passwd.pdf"), ("/tmp/a/", "a"),
            ("fattura\u{202E}fdp.exe", "fatturafdp.exe"), ("a\u{0}b\u{7}\u{200B}.pdf", "ab.pdf"),
            ("e\u{301}.pdf", "\u{E9}.pdf"), ("  spazi.pdf \u{2028}", "spazi.pdf"), ("..", "allegato"), ("", "allegato"),
            (String(repeating: "a", count: 300) + ".pdf", String(repeating: "a", count: 251) + ".pdf"),
            (String(repeating: "è", count: 200) + ".pdf", String(repeating: "è", count: 125) + ".pdf"),
            (String(repeating: "a", count: 300), String(repeating: "a", count: 255)),
        ])
    func filenames(raw: String, stored: String) {
        #expect(PostedForm.filename(raw) == stored)
        #expect(PostedForm.filename(raw).utf8.count <= PostedForm.maxFilenameBytes)
    }

    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)

    @Test(
        "file types come from the whole signature, and a PDF's end too; a file obviously not of its type has none",
        arguments: [
            (Array("%PDF-1.7\n1 0 obj\n%%EOF".utf8), "application/pdf"),
            (Array("%PDF-2.0\n%%EOF\r\n".utf8) + Array(repeating: 0, count: 1000), "application/pdf"),
            (Array("%PDF-1.4\n%%EOF\n".utf8) + Array(repeating: 0x20, count: 1100), nil),  // the end too far
            (Array("%PDF-1.7".utf8), nil), (Array("%PDF-1.4\n1 0 obj <<".utf8), nil),  // cut short
            (Array("%PDF-<script>%%EOF".utf8), nil), (Array("%PDF-3.0\n%%EOF".utf8), nil),
            ([0xFF, 0xD8, 0xFF, 0xE0], "image/jpeg"), ([0xFF, 0xD8, 0xFF, 0xDB], "image/jpeg"),
            ([0xFF, 0xD8, 0xFF], nil), ([0xFF, 0xD8, 0xFF, 0x3C], nil), ([0xFF, 0xD8, 0xFF, 0xD9], nil),
            (png, "image/png"), (Array(png.prefix(8)), nil), (Array(png.prefix(12)) + Array("<htm".utf8), nil),
            (Array("GIF89a".utf8) + Array(repeating: 0, count: 8), "image/gif"), (Array("GIF89a".utf8), nil),
            (Array("RIFF0000WEBPVP8 ".utf8), "image/webp"), (Array("RIFF0000WEBPVP8X".utf8), "image/webp"),
            (Array("RIFF0000WEBP".utf8), nil), (Array("RIFF0000WEBPhtml".utf8), nil),
            (Array("MZ\u{90}".utf8), nil), ([], nil),
        ] as [([UInt8], String?)])
    func sniffing(bytes: [UInt8], type: String?) {
        #expect(FileSniffer.type(of: bytes) == type)
        #expect(FileSniffer.type(of: Data(bytes)) == type)
    }

    @Test("a multipart body gives text values and files with name, type, size and SHA-256")
    func multipart() throws {
        var body = ByteBuffer()
        body.writeString("--XX\r\nContent-Disposition: form-data; name=\"nome\"\r\n\r\nMaria\r\n")
        body.writeString("--XX\r\nContent-Disposition: form-data; name=\"a;b\"\r\n\r\nuno\r\n")
        body.writeString(
            "--XX\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"C:\\\\dati\\\\carta.pdf\"\r\n\r\n")
        body.writeString("%PDF-1.4\n%%EOF\r\n")
        body.writeString("--XX\r\nContent-Disposition: form-data; name=\"vuoto\"; filename=\"\"\r\n\r\n\r\n--XX--\r\n")
        let form = try PostedForm.parse(
            contentType: "multipart/form-data; boundary=XX", body: body, fileLimit: 1000, byteLimit: Self.anyName)
        #expect(form.values["nome"] == ["Maria"])
        #expect(form.values["a;b"] == ["uno"])
        let file = try #require(form.files["doc"])
        #expect(file.filename == "carta.pdf")
        #expect(file.detectedType == "application/pdf")
        #expect(file.bytes == Data("%PDF-1.4\n%%EOF".utf8))
        #expect(file.sha256.count == 64)
        #expect(form.files["vuoto"] == nil)
        // A file over the parser's limit keeps its size and none of its bytes, so that the form is shown
        // again with the error at that field (08556ef) and a cut file can never be stored.
        let over = try PostedForm.parse(
            contentType: "multipart/form-data; boundary=XX", body: body, fileLimit: 4, byteLimit: Self.anyName)
        let cut = try #require(over.files["doc"])
        #expect(cut.size == 14)
        #expect(cut.bytes.isEmpty)
        #expect(over.values["nome"] == ["Maria"])
    }

    /// `nome` read up to 20 bytes, `note` up to 1000; every other name is not the form's.
    static func twoNames(_ name: String) -> Int? { ["nome": 20, "note": 1000][name] }

    @Test("a value under a name the form does not have is skipped unread, even when it would not decode")
    func unknownNames() throws {
        let long = String(repeating: "x", count: PostedForm.maxNameBytes + 1)
        let form = try PostedForm.urlEncoded(
            "altro=%ZZ&nome=Maria&\(long)=y&sito=%FF&note=".utf8, byteLimit: Self.twoNames)
        #expect(form.values == ["nome": ["Maria"], "note": [""]])
        var body = ByteBuffer()
        body.writeString("--XX\r\nContent-Disposition: form-data; name=\"altro\"\r\n\r\n")
        body.writeBytes([0xFF, 0xFE])
        body.writeString("\r\n--XX\r\nContent-Disposition: form-data; name=\"x\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4")
        body.writeString("\r\n--XX\r\nContent-Disposition: form-data; name=\"nome\"\r\n\r\nMaria\r\n--XX--\r\n")
        let multipart = try PostedForm.parse(
            contentType: "multipart/form-data; boundary=XX", body: body, fileLimit: 4, byteLimit: Self.twoNames)
        #expect(multipart.values == ["nome": ["Maria"]])
        #expect(multipart.files.isEmpty)
    }

    @Test(
        "of a value over its name's byte limit the limit is read, and the scalar that crosses it, never more",
        arguments: ["a", "è", "€", "😀"])
    func longValue(letter: String) throws {
        let value = String(repeating: letter, count: 100_000)
        let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let urlEncoded = try PostedForm.urlEncoded("nome=\(encoded)".utf8, byteLimit: Self.twoNames)
        var body = ByteBuffer()
        body.writeString("--XX\r\nContent-Disposition: form-data; name=\"nome\"\r\n\r\n\(value)\r\n--XX--\r\n")
        let multipart = try PostedForm.parse(
            contentType: "multipart/form-data; boundary=XX", body: body, fileLimit: 4, byteLimit: Self.twoNames)
        for form in [urlEncoded, multipart] {
            let kept = try #require(form.values["nome"]?.first)
            #expect((21...24).contains(kept.utf8.count))
            #expect(value.hasPrefix(kept))
        }
    }

    /// A body of two values and two files, with a boundary that also appears cut short in the values.
    static let pieces: ByteBuffer = {
        var body = ByteBuffer()
        body.writeString("preambolo\r\n--XY\r\nContent-Disposition: form-data; name=\"nome\"\r\n\r\nMaria\r\n--X\r\n")
        body.writeString("--XY\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 uno")
        body.writeString(
            "\r\n--XY\r\nContent-Disposition: form-data; name=\"foto\"; filename=\"b.pdf\"\r\n\r\n%PDF-1.4 due")
        body.writeString("\r\n--XY\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nciao\r\n--XY--\r\nepilogo")
        return body
    }()

    @Test("a multipart body read in pieces of any size gives what it gives whole; cut anywhere, it is refused")
    func readInPieces() throws {
        func read(_ body: ByteBuffer, piece: Int, keptLimit: Int = .max) throws(PostedForm.ParseError) -> PostedForm {
            let reader = PostedForm.MultipartReader(
                boundary: "XY", fileLimit: 100, keptLimit: keptLimit, byteLimit: Self.anyName)
            var rest = body
            while let slice = rest.readSlice(length: min(piece, rest.readableBytes)), slice.readableBytes > 0 {
                try reader.read(slice)
            }
            return try reader.finish()
        }
        let whole = try read(Self.pieces, piece: Self.pieces.readableBytes)
        #expect(whole.values == ["nome": ["Maria\r\n--X"], "note": ["ciao"]])
        #expect(
            whole.files.mapValues { String(decoding: $0.bytes, as: UTF8.self) } == [
                "doc": "%PDF-1.4 uno", "foto": "%PDF-1.4 due",
            ])
        for piece in [1, 2, 3, 5, 8, 13, 64] {
            let form = try read(Self.pieces, piece: piece)
            #expect(form.values == whole.values, "\(piece)")
            #expect(form.files.mapValues(\.bytes) == whole.files.mapValues(\.bytes), "\(piece)")
        }
        let end = Self.pieces.readableBytes - "--\r\nepilogo".utf8.count
        for length in 0..<(end + 2) {
            for piece in [1, 4, length + 1] {
                #expect(throws: PostedForm.ParseError.self, "\(length) \(piece)") {
                    try read(Self.pieces.getSlice(at: 0, length: length)!, piece: piece)
                }
            }
        }
        // Kept within 20 bytes: the values (15 bytes) and a file (12) do not fit, so each file is dropped, counted but
        // without its bytes; within 8, not even the first value: no form holds that much text.
        let kept = try read(Self.pieces, piece: 7, keptLimit: 20)
        #expect(kept.values == whole.values)
        #expect(kept.files.mapValues(\.size) == ["doc": 12, "foto": 12])
        #expect(kept.files.values.allSatisfy { !$0.isWhole && $0.bytes.isEmpty && $0.detectedType == nil })
        #expect(throws: PostedForm.ParseError.self) { try read(Self.pieces, piece: 7, keptLimit: 8) }
    }
}
