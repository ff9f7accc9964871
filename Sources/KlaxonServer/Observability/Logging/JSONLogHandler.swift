import Foundation
import Logging
import Synchronization

/// One JSON object per line: `timestamp`, `level`, `message`, `source`, `label` and `metadata` (values as strings, or
/// nested objects and arrays as they were given).
///
/// Our own, small: the package mirror has no maintained swift-log JSON handler, and the format is a few lines.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let sink: LogSink

    public init(label: String, level: Logger.Level, metadataProvider: Logger.MetadataProvider?, sink: LogSink = .standardError) {
        self.label = label
        self.logLevel = level
        self.metadataProvider = metadataProvider
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        var line: [String: Any] = [
            "timestamp": Self.timestamp(Date()),
            "level": event.level.rawValue,
            "message": event.message.description,
            "source": event.source,
            "label": label,
        ]
        if !merged.isEmpty { line["metadata"] = merged.mapValues(Self.json) }
        if let error = event.error { line["error.type"] = "\(type(of: error))" }
        guard let data = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        sink.write(data + Data("\n".utf8))
    }

    static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let value): value.description
        case .dictionary(let dictionary): dictionary.mapValues(json)
        case .array(let array): array.map(json)
        }
    }

    /// RFC 3339 with milliseconds, in UTC.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true).timeSeparator(.colon).timeZone(separator: .omitted))
    }
}

/// Where log lines go: whole lines, one writer at a time, so lines from concurrent tasks never interleave.
public final class LogSink: Sendable {
    private let write: Mutex<@Sendable (Data) -> Void>

    public init(_ write: @escaping @Sendable (Data) -> Void) {
        self.write = Mutex(write)
    }

    public static let standardError = LogSink { FileHandle.standardError.write($0) }

    func write(_ data: Data) {
        write.withLock { $0(data) }
    }

    /// This sink as the stream swift-log's text handler writes its lines to (one `write` a line).
    var stream: Stream { Stream(sink: self) }

    struct Stream: TextOutputStream, Sendable {
        let sink: LogSink

        mutating func write(_ string: String) {
            sink.write(Data(string.utf8))
        }
    }
}
