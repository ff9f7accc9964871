import Logging

/// How `klaxon serve` logs: the least level written and the line format (`KLAXON_LOG_LEVEL`, `KLAXON_LOG_FORMAT`).
public struct LogSettings: Sendable, Equatable {
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    public var level: Logger.Level = .info
    public var format: Format = .text

    public init(level: Logger.Level = .info, format: Format = .text) {
        self.level = level
        self.format = format
    }

    /// Reads the two settings (a flag first, then the environment); a value not understood is a configuration error.
    public static func parse(level: String?, format: String?) throws(ConfigurationError) -> LogSettings {
        var settings = LogSettings()
        if let level {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw ConfigurationError(
                    "log level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), not '\(level)' (--log-level or KLAXON_LOG_LEVEL)"
                )
            }
            settings.level = parsed
        }
        if let format {
            guard let parsed = Format(rawValue: format.lowercased()) else {
                throw ConfigurationError("KLAXON_LOG_FORMAT must be text or json, not '\(format)'")
            }
            settings.format = parsed
        }
        return settings
    }

    /// The process-wide handler factory for these settings; every line carries the current request's id, if any.
    public func makeHandler(sink: LogSink = .standardError) -> @Sendable (String, Logger.MetadataProvider?) -> any LogHandler {
        let level = self.level
        let format = self.format
        return { label, provider in
            switch format {
            case .json:
                return JSONLogHandler(label: label, level: level, metadataProvider: provider, sink: sink)
            case .text:
                var handler = TextLogHandler(lines: StreamLogHandler(label: label, stream: sink.stream, metadataProvider: provider))
                handler.logLevel = level
                return handler
            }
        }
    }

    /// Installs these settings for the whole process (once, at start-up).
    public func bootstrap() {
        LoggingSystem.bootstrap(makeHandler(), metadataProvider: RequestLogContext.metadataProvider)
    }
}
