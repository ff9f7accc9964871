import Foundation
import Logging

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
