import Hummingbird
import NIOCore
import PiazzaRender

extension PostedForm {
    /// How many times `limits.body_bytes` a multipart post is read when its files may come back without their bytes
    /// (``read(_:limits:fileLimit:byteLimit:portal:keepsOversized:back:)``): a photo of a few megabytes too many
    /// gives the citizen her form again with the error at its field, while a post far over the limit is refused.
    static let readFactor = 4

    /// The body of `request` parsed by ``parse(contentType:body:fileLimit:byteLimit:)``; the citizens' posts (forms,
    /// bookings, integration replies, feedback) are read here.
    ///
    /// A post is read whole within `limits.bodyBytes` (``body(of:upTo:tooLarge:)``), except a multipart post whose
    /// caller `keepsOversized`: that is read as it arrives, up to ``readFactor`` × `limits.bodyBytes`, keeping at
    /// most `limits.bodyBytes` of it (``MultipartReader``), so that a too-large photo comes back as an error at its
    /// field with every answer kept instead of a 413 that loses them.
    ///
    /// - Parameters:
    ///   - keepsOversized: whether a file not kept whole (over `fileLimit`, or past what the post may keep) is
    ///     returned without its bytes (``File/isWhole``, ``File/size``), for the caller to refuse at its field; else
    ///     a file over `fileLimit` is a 413.
    ///   - back: the page the citizen posted from (the form, the slot), linked from the 413 and 400 pages.
    /// - Throws: ``PageError/tooLarge(bodyBytes:portal:back:)`` (413) for a body over its limit or, unless
    ///   `keepsOversized`, a file over `fileLimit`; ``PageError/unreadable(_:portal:back:)`` (400, 415) for a body
    ///   that is not a form.
    static func read(
        _ request: Request, limits: DaemonConfig.Limits, fileLimit: Int, byteLimit: @escaping (String) -> Int?,
        portal: String, keepsOversized: Bool = false, back: MessagePage.Link? = nil
    ) async throws -> PostedForm {
        // Made only when thrown: its message is formatted text, for no post that fits.
        func tooLarge() -> PageError { .tooLarge(bodyBytes: limits.bodyBytes, portal: portal, back: back) }
        func refusal(_ error: ParseError) -> PageError {
            error.code == .tooLarge ? tooLarge() : .unreadable(error, portal: portal, back: back)
        }
        let contentType = request.headers[.contentType]
        if keepsOversized, let header = HeaderValue(contentType ?? ""), header.type == "multipart/form-data" {
            guard let boundary = header["boundary"], isBoundary(boundary) else { throw refusal(malformed) }
            let readLimit = limits.bodyBytes * readFactor
            if let length = request.headers[.contentLength].flatMap(Int.init), length > readLimit { throw tooLarge() }
            let reader = MultipartReader(
                boundary: boundary, fileLimit: fileLimit, keptLimit: limits.bodyBytes, byteLimit: byteLimit)
            var received = 0
            for try await chunk in request.body {
                received += chunk.readableBytes
                if received > readLimit { throw tooLarge() }
                do throws(ParseError) { try reader.read(chunk) } catch { throw refusal(error) }
            }
            do throws(ParseError) { return try reader.finish() } catch { throw refusal(error) }
        }
        let body = try await body(of: request, upTo: limits.bodyBytes, tooLarge: tooLarge())
        let form: PostedForm
        do {
            form = try parse(contentType: contentType, body: body, fileLimit: fileLimit, byteLimit: byteLimit)
        } catch {
            throw refusal(error)
        }
        if !keepsOversized, form.files.values.contains(where: { $0.size > fileLimit }) { throw tooLarge() }
        return form
    }

    /// A form-encoded post of the back office (login, case steps, the shop's till, attendance,
    /// payments), read within `maxBytes` (``body(of:upTo:tooLarge:)``), each field cut to its
    /// `byteLimit` (fields without one are left out).
    ///
    /// Every field read is single-valued but those named in `repeatable` (the payments page's ticked
    /// `pratica` boxes): a name posted twice (`stato=accolta&stato=respinta`) is refused, as a repeated query
    /// parameter is (``SingleValuedQueryMiddleware``), instead of the handler silently taking the first
    /// value. No back-office page sends a single-valued name twice. The citizens' forms, whose checkbox
    /// groups repeat their names, are read by ``read(_:limits:fileLimit:byteLimit:portal:)``.
    ///
    /// - Throws: ``PageError/tooLarge(operatorBytes:)`` (413) for a body over `maxBytes`; ``PageError``
    ///   400 for one that does not parse, 422 for a single-valued field posted more than once.
    static func readURLEncoded(
        _ request: Request, maxBytes: Int, repeatable: Set<String> = [], byteLimit: (String) -> Int?
    ) async throws -> PostedForm {
        let body = try await body(of: request, upTo: maxBytes, tooLarge: .tooLarge(operatorBytes: maxBytes))
        guard let form = try? urlEncoded(body.readableBytesView, byteLimit: byteLimit) else {
            throw PageError(.badRequest, portal: nil, "Richiesta non valida", "Ricarica la pagina e riprova.")
        }
        let repeated = form.values.filter { $0.value.count > 1 && !repeatable.contains($0.key) }.keys
        if let name = repeated.min() {
            throw PageError(
                .unprocessableContent, portal: nil, "Richiesta non valida",
                "Il campo «\(name.prefix(40))» compare più di una volta nel modulo inviato: ogni campo ha un solo valore. "
                    + "Torna alla pagina precedente, ricaricala e invia di nuovo il modulo.")
        }
        return form
    }

    /// The body of `request` if it is at most `limit` bytes: the one rule of the daemon's body limits.
    /// A `Content-Length` over it is refused before reading; a body without one is refused once
    /// `limit` is passed. Every over-limit body is `tooLarge` (413), never a 400.
    static func body(of request: Request, upTo limit: Int, tooLarge: @autoclosure () -> PageError) async throws
        -> ByteBuffer
    {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw tooLarge() }
        do {
            return try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw tooLarge()
        }
    }
}
