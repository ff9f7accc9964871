import Logging

/// The id of the request being answered, carried in a task-local so that every log line written while answering it
/// (the desk's and the store's too, not only the route's) carries `request.id`.
public enum RequestLogContext {
    @TaskLocal public static var requestID: String?

    /// Adds `request.id` to every log line written inside a request.
    public static let metadataProvider = Logger.MetadataProvider {
        requestID.map { ["request.id": .string($0)] } ?? [:]
    }
}
