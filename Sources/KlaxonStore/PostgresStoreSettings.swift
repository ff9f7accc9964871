import Foundation

/// Where the PostgreSQL store is and how Klaxon uses it. The URL carries the password: it is never logged or shown;
/// `redactedURL` is what messages name.
public struct PostgresStoreSettings: Sendable, Equatable {
    /// `postgres://user:password@host:port/database?sslmode=require`
    public var url: String
    /// Connections kept open at most.
    public var poolSize: Int
    /// How long start-up waits for the server (a database still starting, a failover) before giving up.
    public var startupWait: Duration
    /// The schema the tables live in; `nil` is the server's default. Tests use a schema of their own each.
    public var schema: String?

    public static let defaultPoolSize = 8
    public static let defaultStartupWait = Duration.seconds(60)

    public init(url: String, poolSize: Int = defaultPoolSize, startupWait: Duration = defaultStartupWait, schema: String? = nil) {
        self.url = url
        self.poolSize = poolSize
        self.startupWait = startupWait
        self.schema = schema
    }

    /// The URL without its password (and without its query, which may carry one too).
    public var redactedURL: String {
        guard var components = URLComponents(string: url) else { return "(an unreadable URL)" }
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? "(an unreadable URL)"
    }
}

extension PostgresStoreSettings: CustomStringConvertible {
    public var description: String { "PostgreSQL at \(redactedURL)" }
}
