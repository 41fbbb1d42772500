import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Answers `Expect: 100-continue` (RFC 9110 §10.1.1), which clients such as curl send before
/// a large body and then wait for.
///
/// When the announced `Content-Length` fits `limits.body_bytes` the client is told to go on at
/// once; otherwise no 100 is sent, the application answers 413 from the length alone, and the
/// connection is closed after that answer since the body will never be read.
final class ExpectContinueHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let bodyLimit: Int
    /// The current request expected 100 Continue and was refused it.
    private var refused = false

    init(bodyLimit: Int) {
        self.bodyLimit = bodyLimit
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let request) = unwrapInboundIn(data) {
            refused = false
            let expects = request.headerFields[values: .expect].contains { $0.lowercased() == "100-continue" }
            if expects {
                let length = request.headerFields[.contentLength].flatMap(Int.init) ?? 0
                if length > bodyLimit {
                    refused = true
                } else {
                    context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
                }
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard refused else { return context.write(data, promise: promise) }
        switch unwrapOutboundIn(data) {
        case .head(var response) where response.status.kind != .informational:
            response.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(response)), promise: promise)
        case .end:
            refused = false
            context.writeAndFlush(data, promise: promise)
            context.close(promise: nil)
        default:
            context.write(data, promise: promise)
        }
    }
}
