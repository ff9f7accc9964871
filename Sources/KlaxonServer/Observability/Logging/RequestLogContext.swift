import HTTPTypes
import Hummingbird
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

/// Gives each request an id (Hummingbird's, which its own log lines carry as `hb.request.id`), sets it for everything
/// the request does, and returns it as `X-Request-ID` so a user's report can be matched to the logs.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // `context.id` traps when the context's logger lacks Hummingbird's id (a context built by hand); make one then.
        let id = context.logger[metadataKey: "hb.request.id"]?.description ?? RequestID().description
        var response = try await RequestLogContext.$requestID.withValue(id) {
            try await next(request, context)
        }
        // Appended, not set: no route sets it, and setting searches the fields for one to replace.
        response.headers.append(HTTPField(name: .requestID, value: id))
        return response
    }
}

extension HTTPField.Name {
    static let requestID = Self("X-Request-ID")!
}
