import Foundation
import NIOCore
import Testing

@testable import PiazzaIntake

@Suite("Reading posted bodies")
struct PostedFormTests {
    @Test("URL-encoded bodies decode + and %XX, keep repeated names in order, and refuse bad escapes")
    func urlEncoded() throws {
        let form = try PostedForm.urlEncoded("nome=Maria+Rossi&giorni=lunedi&giorni=marted%C3%AC&vuoto=&solo")
        #expect(form.values["nome"] == ["Maria Rossi"])
        #expect(form.values["giorni"] == ["lunedi", "martedì"])
        #expect(form.values["vuoto"] == [""])
        #expect(form.values["solo"] == [""])
        #expect(throws: PostedForm.ParseError.self) { try PostedForm.urlEncoded("nome=%ZZ") }
        #expect(throws: PostedForm.ParseError.self) { try PostedForm.urlEncoded("nome=%C3") }
    }

    @Test("header parameters are read with or without quotes")
    func parameters() {
        let header = #"form-data; name="documento"; filename="la \"mia\" carta.pdf""#
        #expect(PostedForm.parameter("name", in: header) == "documento")
        #expect(PostedForm.parameter("filename", in: header) == #"la "mia" carta.pdf"#)
        #expect(PostedForm.parameter("boundary", in: "multipart/form-data; boundary=abc") == "abc")
        #expect(PostedForm.parameter("boundary", in: "multipart/form-data") == nil)
    }

    @Test(
        "file types come from the first bytes",
        arguments: [
            (Array("%PDF-1.7".utf8), "application/pdf"), ([0xFF, 0xD8, 0xFF, 0xE0], "image/jpeg"),
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png"), (Array("GIF89a".utf8), "image/gif"),
            (Array("RIFF0000WEBP".utf8), "image/webp"), (Array("MZ\u{90}".utf8), nil), ([], nil),
        ] as [([UInt8], String?)])
    func sniffing(bytes: [UInt8], type: String?) {
        #expect(FileSniffer.type(of: bytes) == type)
    }

    @Test("a multipart body gives text values and files with name, type, size and SHA-256")
    func multipart() throws {
        var body = ByteBuffer()
        body.writeString("--XX\r\nContent-Disposition: form-data; name=\"nome\"\r\n\r\nMaria\r\n")
        body.writeString(
            "--XX\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"C:\\\\dati\\\\carta.pdf\"\r\n\r\n")
        body.writeString("%PDF-1.4\r\n")
        body.writeString("--XX\r\nContent-Disposition: form-data; name=\"vuoto\"; filename=\"\"\r\n\r\n\r\n--XX--\r\n")
        let form = try PostedForm.parse(contentType: "multipart/form-data; boundary=XX", body: body, fileLimit: 1000)
        #expect(form.values["nome"] == ["Maria"])
        let file = try #require(form.files["doc"])
        #expect(file.filename == "carta.pdf")
        #expect(file.detectedType == "application/pdf")
        #expect(file.bytes == Data("%PDF-1.4".utf8))
        #expect(file.sha256.count == 64)
        #expect(form.files["vuoto"] == nil)
        #expect(throws: PostedForm.ParseError.self) {
            try PostedForm.parse(contentType: "multipart/form-data; boundary=XX", body: body, fileLimit: 4)
        }
    }
}
