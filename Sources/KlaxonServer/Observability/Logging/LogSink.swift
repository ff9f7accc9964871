import Foundation
import Synchronization

/// Where log lines go: whole lines, one writer at a time, so lines from concurrent tasks never interleave.
public final class LogSink: Sendable {
    private let write: Mutex<@Sendable (Data) -> Void>

    public init(_ write: @escaping @Sendable (Data) -> Void) {
        self.write = Mutex(write)
    }

    /// A line that cannot be written (a full disk, a closed pipe) is dropped: `FileHandle.write(_:)` would stop the
    /// process over a log line.
    public static let standardError = LogSink { try? FileHandle.standardError.write(contentsOf: $0) }

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
