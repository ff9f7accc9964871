import Foundation
import HTTPTypes
@testable import KlaxonServer
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

/// The request deadline on a connection, on an embedded event loop whose time the test moves: the handler keeps one
/// timer per connection and moves its due time, so the timer that fires early must set itself again, and only a
/// connection really left waiting for its timeout is closed.
@Suite struct RequestDeadlineHandlerTests {
    static let timeout: TimeInterval = 10

    private func connection() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: RequestDeadlineHandler(timeout: Self.timeout))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8080)).wait()
        return channel
    }

    private func request(on channel: EmbeddedChannel) throws {
        try channel.writeInbound(HTTPRequestPart.head(HTTPRequest(method: .get, scheme: "http", authority: "klaxon", path: "/healthz")))
        try channel.writeInbound(HTTPRequestPart.end(nil))
    }

    private func answer(on channel: EmbeddedChannel) throws {
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
    }

    private func wait(_ seconds: Int64, on channel: EmbeddedChannel) {
        channel.embeddedEventLoop.advanceTime(by: .seconds(seconds))
    }

    @Test func aConnectionSilentSinceItOpenedIsClosedAtTheTimeout() throws {
        let channel = try connection()
        wait(9, on: channel)
        #expect(channel.isActive)
        wait(1, on: channel)
        #expect(!channel.isActive)
    }

    @Test func aConnectionUsedEveryFewSecondsStaysOpenLongPastTheTimeout() throws {
        let channel = try connection()
        // 24 s in all, each request 4 s after the answer before it: the timer its first wait started fires at 10 s.
        for _ in 0..<6 {
            wait(4, on: channel)
            #expect(channel.isActive)
            try request(on: channel)
            try answer(on: channel)
        }
        #expect(channel.isActive)
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    @Test func aConnectionIdleAfterAnAnswerIsClosedATimeoutAfterThatAnswer() throws {
        let channel = try connection()
        wait(4, on: channel)
        try request(on: channel)
        try answer(on: channel)
        // 13 s: the timer from the opening (due at 10 s) has fired and found the answer's deadline, 14 s, ahead.
        wait(9, on: channel)
        #expect(channel.isActive)
        wait(1, on: channel)
        #expect(!channel.isActive)
    }

    @Test func aRequestBeingAnsweredIsNotTimedOutHoweverLongItTakes() throws {
        let channel = try connection()
        try request(on: channel)
        wait(60, on: channel)
        #expect(channel.isActive)
        try answer(on: channel)
        wait(9, on: channel)
        #expect(channel.isActive)
        wait(1, on: channel)
        #expect(!channel.isActive)
    }

    @Test("An answer's Connection value says close in any case, and nothing else does", arguments: [
        ("close", true), ("Close", true), ("CLOSE", true), ("cLoSe", true),
        ("keep-alive", false), ("closed", false), ("clos", false), ("", false), ("close, upgrade", false), (" close", false),
        // Five bytes but not ASCII, and a letter that Unicode folds to `s`: still not `close`.
        ("clo\u{E9}", false), ("clo\u{17F}e", false),
    ])
    func anAnswersConnectionValueSaysClose(value: String, closes: Bool) {
        #expect(RequestDeadlineHandler.saysClose(value) == closes)
    }
}
