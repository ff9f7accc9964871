import PostgresKit

/// Words for a store error in a log line. PostgreSQL's errors describe themselves only as "a database error" (so
/// that they cannot leak into answers); an operator reading the log needs the server's message or the connection
/// failure, neither of which carries the password. A driver error wrapped in others (the pool's, a batch's) is found
/// inside, a few levels down.
public func describeStoreFailure(_ error: any Error) -> String {
    if let driver = driverError(in: error, depth: 5) { return PostgresIncidentStore.reason(driver) }
    return String(describing: error)
}

/// The PostgreSQL error inside `error` (itself, or a stored property of a stored property…), if any.
private func driverError(in error: any Error, depth: Int) -> PSQLError? {
    if let driver = error as? PSQLError { return driver }
    guard depth > 0 else { return nil }
    for child in Mirror(reflecting: error).children {
        // An optional property (`underlying: Error?`) holds its error one level further in.
        let wrapped = Mirror(reflecting: child.value)
        let value: Any? = wrapped.displayStyle == .optional ? wrapped.children.first?.value : child.value
        if let inner = value as? any Error, let driver = driverError(in: inner, depth: depth - 1) { return driver }
    }
    return nil
}
