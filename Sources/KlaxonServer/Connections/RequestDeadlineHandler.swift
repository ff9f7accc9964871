import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Closes a connection that does not send a whole request within `timeout` (see `RequestDeadline`), and one whose
/// answer says `Connection: close` once it is written (a 413 for an announced body too large to read).
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let timeout: TimeAmount
    private var deadline = RequestDeadline()
    /// When the connection must have sent its next request; `nil` while disarmed.
    private var due: NIODeadline?
    /// One timer per connection, left running across requests: arming only moves `due`, and the timer, when it
    /// fires early, sets itself again for `due`. Scheduling and cancelling a timer for every request showed in the
    /// profile of a busy keep-alive connection.
    private var timer: Scheduled<Void>?
    private var started = false

    init(timeout: TimeInterval) {
        self.timeout = .nanoseconds(Int64(timeout * 1_000_000_000))
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: perform(deadline.readHead(), context)
        case .body: break
        case .end: perform(deadline.readEnd(), context)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            perform(deadline.wroteHead(close: head.headerFields.value(.connection).map(Self.saysClose) ?? false), context)
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            let action = deadline.wroteEnd()
            if action == .close {
                // The answer goes out first; the connection closes behind it.
                context.writeAndFlush(data, promise: promise)
                perform(action, context)
            } else {
                context.write(data, promise: promise)
                perform(action, context)
            }
        }
    }

    /// Whether a `Connection` value is `close`, in any case, compared by bytes (no lowercased copy per response).
    static func saysClose(_ value: String) -> Bool {
        value.utf8.count == 5 && zip(value.utf8, "close".utf8).allSatisfy { $0 | 0x20 == $1 }
    }

    private func start(_ context: ChannelHandlerContext) {
        guard !started else { return }
        started = true
        perform(deadline.opened(), context)
    }

    private func perform(_ action: RequestDeadline.Action, _ context: ChannelHandlerContext) {
        switch action {
        case .arm:
            // The loop's clock (an embedded loop's in tests), the one its timers run on.
            let due = context.eventLoop.now + timeout
            self.due = due
            if timer == nil { schedule(at: due, context) }
        case .disarm:
            due = nil
        case .close:
            due = nil
            timer?.cancel()
            timer = nil
            context.close(promise: nil)
        case .none:
            break
        }
    }
}

extension RequestDeadlineHandler {
    private func schedule(at time: NIODeadline, _ context: ChannelHandlerContext) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: time) { [self] in
            timer = nil
            guard let due else { return }
            if context.eventLoop.now < due {
                schedule(at: due, context)
            } else {
                perform(deadline.timedOut(), context)
            }
        }
    }
}

@available(*, unavailable)
extension RequestDeadlineHandler: Sendable {}
