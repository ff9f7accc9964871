import PostgresKit

/// Words for a store error in a log line. PostgreSQL's errors describe themselves only as "a database error" (so
/// that they cannot leak into answers); an operator reading the log needs the server's message or the connection
/// failure, neither of which carries the password. A driver error wrapped in another (the pool's) is found inside.
public func describeStoreFailure(_ error: any Error) -> String {
    if error is PSQLError { return PostgresIncidentStore.reason(error) }
    for child in Mirror(reflecting: error).children {
        if let inner = child.value as? any Error, inner is PSQLError { return PostgresIncidentStore.reason(inner) }
    }
    return String(describing: error)
}
