import Hummingbird
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Answers `Expect: 100-continue` (RFC 9110 §10.1.1), which clients such as curl send before
/// a large body and then wait for.
///
/// When the announced `Content-Length` fits `limits.body_bytes` the client is told to go on at
/// once; otherwise no 100 is sent, the application answers 413 from the length alone, and the
/// connection is closed after that answer since the body will never be read.
///
/// An HTTP/1.0 client cannot be sent a 100 (RFC 9110 §10.1.1: the server MUST ignore the
/// expectation), but the request's version is gone once Hummingbird's codec has turned it into
/// HTTP types; so this handler places ``HTTP10ExpectationFilter`` in front of that codec.
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

    func handlerAdded(context: ChannelHandlerContext) {
        let pipeline = context.pipeline.syncOperations
        guard let codec = try? pipeline.handler(type: HTTP1ToHTTPServerCodec.self) else { return }
        try? pipeline.addHandler(HTTP10ExpectationFilter(), position: .before(codec))
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

/// Removes `Expect` from HTTP/1.0 requests, which RFC 9110 §10.1.1 says to ignore; installed by
/// ``ExpectContinueHandler`` where the request's version is still known.
final class HTTP10ExpectationFilter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data), head.version == .http1_0,
            head.headers.contains(name: "expect")
        else { return context.fireChannelRead(data) }
        head.headers.remove(name: "expect")
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }
}
