import PostgresKit

/// Words for a store error in a log line. PostgreSQL's errors describe themselves only as "a database error" (so
/// that they cannot leak into answers); an operator reading the log needs the server's message or the connection
/// failure, neither of which carries the password.
public func describeStoreFailure(_ error: any Error) -> String {
    if error is PSQLError { return PostgresIncidentStore.reason(error) }
    return String(describing: error)
}
