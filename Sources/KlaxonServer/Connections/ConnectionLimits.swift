import Foundation

/// What the HTTP server allows a connection, so slow, idle or lying clients cannot hold it.
public struct ConnectionLimits: Sendable, Equatable {
    /// How long a client has to send a whole request, headers and body, counted from when the connection opened or its
    /// last answer was sent. An idle connection, or one trickling bytes, is closed past it. With chat bodies capped at
    /// 64 KiB, 10 s means a body must arrive at 6.5 KB/s or faster.
    public var requestTimeout: TimeInterval
    /// How many connections are served at once; more wait in the listen backlog until one closes.
    public var maxConnections: Int

    public static let defaultRequestTimeout: TimeInterval = 10
    public static let defaultMaxConnections = 1024

    public init(requestTimeout: TimeInterval = defaultRequestTimeout, maxConnections: Int = defaultMaxConnections) {
        self.requestTimeout = requestTimeout
        self.maxConnections = maxConnections
    }
}
