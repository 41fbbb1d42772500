import Foundation
import GRDB
import HummingbirdTesting
import NIOCore
import Testing

@testable import PiazzaIntake

/// A posted body the daemon cannot read completely, given as its `Content-Type` and bytes.
struct MalformedBody: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var contentType: String
    var bytes: [UInt8]

    static let pdf = Array("%PDF-1.4\n1 0 obj\n%%EOF\n".utf8)

    /// A complete valid submission with a PDF, as multipart, changed by `change`.
    static func multipart(
        _ description: String, boundary: String = "BB", contentType: String? = nil,
        disposition: String = #"name="documento"; filename="ricevuta.pdf""#,
        fields: [(String, String)] = IntakeFixture.fields([("_key", "malformed")]),
        change: (inout String) -> Void = { _ in }
    ) -> MalformedBody {
        let (_, buffer) = IntakeFixture.multipart(
            fields, disposition: Array(disposition.utf8), bytes: pdf, boundary: boundary)
        var text = String(decoding: buffer.readableBytesView, as: UTF8.self)
        change(&text)
        return MalformedBody(
            testDescription: description, contentType: contentType ?? "multipart/form-data; boundary=\(boundary)",
            bytes: Array(text.utf8))
    }

    /// A complete valid URL-encoded submission followed by `suffix`.
    static func urlEncoded(_ description: String, suffix: [UInt8]) -> MalformedBody {
        let body = IntakeFixture.body(IntakeFixture.fields([("_key", "malformed")]))
        return MalformedBody(
            testDescription: description, contentType: "application/x-www-form-urlencoded",
            bytes: Array(body.readableBytesView) + suffix)
    }

    static let all: [MalformedBody] = [
        multipart("truncated in the middle of a part") { $0 = String($0.prefix($0.count / 2)) },
        multipart("truncated inside the last part (every field already read)") {
            $0 = String($0.dropLast("\r\n--BB--\r\n".count + 4))
        },
        multipart("without the close delimiter") { $0 = String($0.dropLast("--BB--\r\n".count)) },
        multipart("closed with a single hyphen") { $0 = String($0.dropLast("-\r\n".count)) + "\r\n" },
        multipart("with another boundary than the header's", contentType: "multipart/form-data; boundary=CC"),
        multipart("without a boundary parameter", contentType: "multipart/form-data"),
        multipart("with an empty boundary", contentType: "multipart/form-data; boundary="),
        multipart("with a boundary over 70 characters", boundary: String(repeating: "b", count: 71)),
        multipart("with a part without Content-Disposition") {
            $0 = $0.replacingOccurrences(of: "Content-Disposition: form-data; name=\"nome\"", with: "X-Nome: nome")
        },
        multipart("with a part without a name", disposition: #"filename="ricevuta.pdf""#),
        multipart("with an attachment instead of form-data") {
            $0 = $0.replacingOccurrences(of: "form-data; name=\"nome\"", with: "attachment; name=\"nome\"")
        },
        multipart("with an unterminated quoted name", disposition: #"name="documento; filename="x.pdf""#),
        multipart("with the same parameter twice", disposition: #"name="documento"; name="nome"; filename="x.pdf""#),
        multipart("with a file field sent twice") {
            let part =
                "--BB\r\nContent-Disposition: form-data; name=\"documento\"; filename=\"altro.pdf\"\r\n\r\n%PDF-1.4\r\n"
            $0 = part + $0
        },
        multipart("with a header line without a colon") {
            $0 = $0.replacingOccurrences(of: "Content-Type: application/octet-stream", with: "Content-Type")
        },
        multipart(
            "with more parts than any form holds",
            fields: IntakeFixture.fields([("_key", "malformed")])
                + Array(repeating: ("x", ""), count: PostedForm.maxFields)),
        urlEncoded("URL-encoded with a bad % escape", suffix: Array("&note=100%".utf8)),
        urlEncoded("URL-encoded with a % and one digit", suffix: Array("&note=%4".utf8)),
        urlEncoded("URL-encoded with an escape that is not UTF-8", suffix: Array("&note=%C3%28".utf8)),
        urlEncoded("URL-encoded with a raw byte that is not UTF-8", suffix: Array("&note=".utf8) + [0xFF, 0xFE]),
    ]
}

@Suite("A body that does not parse completely")
struct MalformedBodyTests {
    @Test(
        "answers 400 in the portal's look, stores nothing and leaves no upload on disk",
        arguments: MalformedBody.all)
    func refused(body: MalformedBody) async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await client.execute(
                uri: "/forms/prova/domanda", method: .post, headers: [.contentType: body.contentType],
                body: ByteBuffer(bytes: body.bytes))
            #expect(response.status == .badRequest)
            let page = String(buffer: response.body)
            #expect(page.contains("Prova Welfare"))
            #expect(page.contains("non è stata inviata"))
            #expect(try fixture.applicationCount() == 0)
            #expect(try fixture.uploads().isEmpty)
        }
    }

    @Test("the same bodies, complete, are stored: the refusal comes from the damage alone")
    func completeBodiesAreStored() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let complete = MalformedBody.multipart("complete")
            let response = try await client.execute(
                uri: "/forms/prova/domanda", method: .post, headers: [.contentType: complete.contentType],
                body: ByteBuffer(bytes: complete.bytes))
            #expect(response.status == .seeOther)
            #expect(try fixture.applicationCount() == 1)
            #expect(try fixture.uploads().count == 1)
        }
    }

    @Test("a file name that is not UTF-8 answers 400 saying to rename the file, never a silent drop")
    func filenameNotUTF8() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let (headers, body) = IntakeFixture.multipart(
                IntakeFixture.fields([("_key", "latin1")]),
                disposition: Array(#"name="documento"; filename="ricevuta "#.utf8) + [0xE8] + Array(#".pdf""#.utf8),
                bytes: MalformedBody.pdf)
            let response = try await client.execute(
                uri: "/forms/prova/domanda", method: .post, headers: headers, body: body)
            #expect(response.status == .badRequest)
            #expect(String(buffer: response.body).contains("Rinomina il file"))
            #expect(try fixture.applicationCount() == 0)
            #expect(try fixture.uploads().isEmpty)
        }
    }
}
