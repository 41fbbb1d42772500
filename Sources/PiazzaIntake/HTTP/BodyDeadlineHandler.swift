import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Answers 408 to a request whose body stops coming, then closes the connection: when the body
/// has not fully arrived within `timeouts.body_seconds` of its headers, and when Hummingbird's
/// idle timeout (`timeouts.idle_seconds` without a byte) closes the connection while a body is
/// still expected. Either way the 408 is sent only when no response has started.
///
/// Hummingbird's idle timeout restarts at every byte, so a client trickling one byte every few
/// seconds would hold its connection (and a task) forever; this deadline does not move. Slow
/// headers are bounded by the idle timeout, which only restarts when a whole head has arrived.
final class BodyDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limit: TimeAmount
    private var deadline: Scheduled<Void>?
    /// Whether the application has begun answering the request being read.
    private var responding = false

    init(seconds: Int) {
        limit = .seconds(Int64(seconds))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            responding = false
            deadline?.cancel()
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            deadline = context.eventLoop.scheduleTask(in: limit) {
                let (handler, context) = loopBound.value
                handler.expire(context: context)
            }
        case .body:
            break
        case .end:
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .head(let response) = unwrapOutboundIn(data), response.status.kind != .informational {
            responding = true
        }
        context.write(data, promise: promise)
    }

    /// The idle timeout closes from further in: a body still expected gets its 408 on the way out.
    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if mode == .all, deadline != nil {
            deadline?.cancel()
            deadline = nil
            answerTimeout(context: context)
        }
        context.close(mode: mode, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }

    private func expire(context: ChannelHandlerContext) {
        deadline = nil
        answerTimeout(context: context)
        context.flush()
        context.close(promise: nil)
    }

    /// A 408 with `Connection: close`, unless the connection is gone or a response has started.
    private func answerTimeout(context: ChannelHandlerContext) {
        guard context.channel.isActive, !responding else { return }
        let head = HTTPResponse(status: .requestTimeout, headerFields: [.connection: "close", .contentLength: "0"])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
