import Foundation
import KlaxonServer
import Logging
import Synchronization
import Testing

@Suite struct TextLogHandlerTests {
    /// Collects the text a handler writes.
    final class Text: Sendable {
        private let data = Mutex(Data())
        var sink: LogSink { LogSink { chunk in self.data.withLock { $0.append(chunk) } } }
        var lines: [String] { data.withLock { String(decoding: $0, as: UTF8.self) }.split(separator: "\n").map(String.init) }
    }

    @Test func aTextLineCarriesTheLoggersMetadataTheRequestIDAndItsOwn() async throws {
        let text = Text()
        let handler = LogSettings(level: .info, format: .text).makeHandler(sink: text.sink)
        var logger = Logger(label: "klaxon") { handler($0, RequestLogContext.metadataProvider) }
        logger[metadataKey: "store.engine"] = "sqlite"
        var other = logger
        other[metadataKey: "store.engine"] = "postgres"
        await RequestLogContext.$requestID.withValue("req-7") {
            logger.info("Store open", metadata: ["incident.id": "7"])
        }
        logger.debug("below the level")
        other.notice("The other logger")
        let lines = text.lines
        #expect(lines.count == 2, "\(lines)")
        let line = try #require(lines.first)
        #expect(line.hasSuffix(" info klaxon: incident.id=7 request.id=req-7 store.engine=sqlite [KlaxonServerTests] Store open"), "\(line)")
        #expect(lines.last?.hasSuffix(" notice klaxon: store.engine=postgres [KlaxonServerTests] The other logger") == true, "\(lines)")
    }

    @Test func theRequestsIDOverridesTheLoggersAndALinesOwnMetadataOverridesBoth() async throws {
        let text = Text()
        let handler = LogSettings(level: .info, format: .text).makeHandler(sink: text.sink)
        var logger = Logger(label: "klaxon") { handler($0, RequestLogContext.metadataProvider) }
        logger[metadataKey: "request.id"] = "from-the-logger"
        await RequestLogContext.$requestID.withValue("req-7") {
            logger.info("provided")
            logger.info("explicit", metadata: ["request.id": "from-the-line"])
        }
        logger.info("alone")
        let ids = text.lines.map { $0.firstMatch(of: /request\.id=(\S+)/).map { String($0.1) } }
        #expect(ids == ["req-7", "from-the-line", "from-the-logger"])
    }
}
