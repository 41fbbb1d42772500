import Hummingbird

extension Response {
    /// `text/html; charset=utf-8`, the type of every page the daemon writes.
    static let htmlType = MediaType.textHtml.withParameter(name: "charset", value: "utf-8").description

    /// An HTML page, never cached (security headers come from ``SecurityHeadersMiddleware``).
    static func page(_ status: HTTPResponse.Status, _ html: String, headers: HTTPFields = [:]) -> Response {
        var fields: HTTPFields = [.contentType: htmlType, .cacheControl: "no-store"]
        fields.append(contentsOf: headers)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
