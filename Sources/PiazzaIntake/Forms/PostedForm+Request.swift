import Hummingbird
import NIOCore

extension PostedForm {
    /// The whole body of `request`, read within `limits.bodyBytes` (a `Content-Length` over it is
    /// refused before reading) and parsed by ``parse(contentType:body:fileLimit:byteLimit:)``; the
    /// form and booking routes read their posts here.
    ///
    /// - Throws: ``PageError/tooLarge(bodyBytes:portal:)`` (413) for a body over `limits.bodyBytes`
    ///   or a file over `fileLimit`; ``PageError/unreadable(_:portal:)`` (400, 415) for a body that
    ///   is not a form.
    static func read(
        _ request: Request, limits: DaemonConfig.Limits, fileLimit: Int, byteLimit: @escaping (String) -> Int?,
        portal: String
    ) async throws -> PostedForm {
        let tooLarge = PageError.tooLarge(bodyBytes: limits.bodyBytes, portal: portal)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limits.bodyBytes { throw tooLarge }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limits.bodyBytes)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
        do {
            return try parse(
                contentType: request.headers[.contentType], body: body, fileLimit: fileLimit, byteLimit: byteLimit)
        } catch {
            if error.code == .fileTooLarge { throw tooLarge }
            throw PageError.unreadable(error, portal: portal)
        }
    }
}
