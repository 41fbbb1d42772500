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
///
/// The timer is armed only when a read ends with the body still expected: a form's body nearly
/// always arrives in the same read as its head, and scheduling and cancelling a timer for every
/// request was measurable under `bench/intake.sh`. The deadline counts from the head either way.
final class BodyDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limit: TimeAmount
    /// When the body of the request being read must have arrived; `nil` when no body is expected.
    private var bodyDue: NIODeadline?
    /// The timer of `bodyDue`, once a read has ended before the body did.
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
            cancelTimer()
            bodyDue = .now() + limit
        case .body:
            break
        case .end:
            cancelTimer()
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if let bodyDue, deadline == nil {
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            deadline = context.eventLoop.scheduleTask(deadline: bodyDue) {
                let (handler, context) = loopBound.value
                handler.expire(context: context)
            }
        }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .head(let response) = unwrapOutboundIn(data), response.status.kind != .informational {
            responding = true
        }
        context.write(data, promise: promise)
    }

    /// The idle timeout closes from further in: a body still expected gets its 408 on the way out.
    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if mode == .all, bodyDue != nil {
            cancelTimer()
            answerTimeout(context: context)
        }
        context.close(mode: mode, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
    }

    /// No body is expected any more: the timer, if armed, is cancelled.
    private func cancelTimer() {
        bodyDue = nil
        deadline?.cancel()
        deadline = nil
    }

    private func expire(context: ChannelHandlerContext) {
        bodyDue = nil
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
