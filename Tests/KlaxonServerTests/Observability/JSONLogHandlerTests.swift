import Foundation
import KlaxonServer
import Logging
import Synchronization
import Testing

@Suite struct JSONLogHandlerTests {
    /// Collects what a handler writes.
    final class Lines: Sendable {
        private let data = Mutex(Data())
        var sink: LogSink { LogSink { chunk in self.data.withLock { $0.append(chunk) } } }
        var objects: [[String: Any]] {
            data.withLock { String(decoding: $0, as: UTF8.self) }.split(separator: "\n").map {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? ["unparsable": String($0)]
            }
        }
    }

    @Test func eachLineIsOneJSONObjectWithTimestampLevelMessageSourceAndMetadata() throws {
        let lines = Lines()
        var logger = Logger(label: "klaxon") { JSONLogHandler(label: $0, level: .debug, metadataProvider: nil, sink: lines.sink) }
        logger[metadataKey: "store.engine"] = "sqlite"
        logger.info("Store open\nwith a newline", metadata: ["incident.id": "7", "nested": ["a": "1"]])
        logger.trace("below the level")
        let objects = lines.objects
        #expect(objects.count == 1)
        let line = try #require(objects.first)
        #expect(line["level"] as? String == "info")
        #expect(line["message"] as? String == "Store open\nwith a newline")
        #expect(line["label"] as? String == "klaxon")
        #expect(line["source"] as? String == "KlaxonServerTests")
        let metadata = try #require(line["metadata"] as? [String: Any])
        #expect(metadata["store.engine"] as? String == "sqlite")
        #expect(metadata["incident.id"] as? String == "7")
        #expect((metadata["nested"] as? [String: String]) == ["a": "1"])
        let timestamp = try #require(line["timestamp"] as? String)
        #expect(timestamp.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil, "\(timestamp)")
    }

    @Test func everyLineWrittenDuringARequestCarriesItsID() async throws {
        let lines = Lines()
        let logger = Logger(label: "klaxon") {
            JSONLogHandler(label: $0, level: .info, metadataProvider: RequestLogContext.metadataProvider, sink: lines.sink)
        }
        await RequestLogContext.$requestID.withValue("req-42") {
            logger.info("inside")
            // Work the request awaits (an actor's, say) runs in the same task and so carries the id too.
            await withTaskGroup(of: Void.self) { group in group.addTask { logger.info("in a child task") } }
        }
        logger.info("outside")
        let ids = lines.objects.map { ($0["metadata"] as? [String: Any])?["request.id"] as? String }
        #expect(ids == ["req-42", "req-42", nil])
    }

    struct LevelRow: Sendable, CustomTestStringConvertible {
        let level: String?
        let format: String?
        let expected: LogSettings?
        var testDescription: String { "level \(level ?? "unset"), format \(format ?? "unset")" }
    }

    @Test(arguments: [
        LevelRow(level: nil, format: nil, expected: LogSettings(level: .info, format: .text)),
        LevelRow(level: "trace", format: "json", expected: LogSettings(level: .trace, format: .json)),
        LevelRow(level: "WARNING", format: "JSON", expected: LogSettings(level: .warning, format: .json)),
        LevelRow(level: "verbose", format: nil, expected: nil),
        LevelRow(level: nil, format: "logfmt", expected: nil),
    ])
    func logSettingsAcceptSwiftLogsLevelsAndTwoFormatsAndRefuseTheRest(_ row: LevelRow) {
        #expect((try? LogSettings.parse(level: row.level, format: row.format)) == row.expected)
    }
}
