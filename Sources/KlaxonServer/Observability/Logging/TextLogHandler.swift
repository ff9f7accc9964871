import Logging

/// swift-log's text lines (`StreamLogHandler`), given the logger's metadata only when a line is written.
///
/// `StreamLogHandler` formats its metadata whenever it changes, and Hummingbird gives every request's logger its id:
/// each request paid for formatting metadata for a line it almost never writes.
struct TextLogHandler: LogHandler {
    private var lines: StreamLogHandler
    var metadata: Logger.Metadata = [:]

    init(lines: StreamLogHandler) {
        self.lines = lines
    }

    var logLevel: Logger.Level {
        get { lines.logLevel }
        set { lines.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { lines.metadataProvider }
        set { lines.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var lines = self.lines
        lines.metadata = metadata
        lines.log(event: event)
    }
}
