import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A client socket the test drives byte by byte: it sends what it is told, when it is told, and records what the
/// server answers and when the server closed the connection.
final class RawConnection: Sendable {
    private let channel: any Channel
    private let received: NIOLockedValueBox<[UInt8]>

    private init(channel: any Channel, received: NIOLockedValueBox<[UInt8]>) {
        self.channel = channel
        self.received = received
    }

    /// Connects to 127.0.0.1:`port`.
    static func open(port: Int) async throws -> RawConnection {
        let received = NIOLockedValueBox<[UInt8]>([])
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Recorder(received: received)) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawConnection(channel: channel, received: received)
    }

    /// Sends bytes now; if the server has already closed the connection, they are dropped.
    func send(_ text: String) {
        channel.writeAndFlush(ByteBuffer(string: text), promise: nil)
    }

    /// Sends `text` one byte every `interval`, on the connection's event loop, until it is sent or the server closes.
    func trickle(_ text: String, every interval: TimeAmount) {
        let bytes = Array(text.utf8)
        let next = NIOLockedValueBox(0)
        channel.eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { [channel] task in
            let index = next.withLockedValue { value in
                defer { value += 1 }
                return value
            }
            guard index < bytes.count, channel.isActive else {
                task.cancel()
                return
            }
            channel.writeAndFlush(ByteBuffer(bytes: [bytes[index]]), promise: nil)
        }
    }

    /// What the server has sent so far.
    var answer: String { String(decoding: received.withLockedValue { $0 }, as: UTF8.self) }

    /// Whether the server has closed the connection.
    var isClosed: Bool { !channel.isActive }

    /// Closes from this side (the end of a test).
    func close() async {
        try? await channel.close()
    }

    private final class Recorder: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let received: NIOLockedValueBox<[UInt8]>

        init(received: NIOLockedValueBox<[UInt8]>) {
            self.received = received
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            received.withLockedValue { $0.append(contentsOf: buffer.readableBytesView) }
        }
    }
}
