import Foundation
import HTTPTypes
import KlaxonAPI
import KlaxonStore
import Logging
import OpenAPIRuntime

/// Turns what the handlers throw into problems. A request the generated code could not decode (a malformed body, a
/// query value of the wrong type) is a 400. Anything failing after decoding is the store failing (the handlers answer
/// every expected refusal themselves): a 503 with `Retry-After`, as the alert hooks and chat answer it, and nothing
/// was recorded. The log line names the underlying error only: a `ServerError`'s description carries every request
/// header, the bearer token among them.
struct APIErrorMiddleware: ServerMiddleware {
    let logger: Logger

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        do {
            return try await next(request, body, metadata)
        } catch let error as ServerError where error.operationInput == nil {
            return try Self.answer(.badRequest, "the request does not match openapi.yaml's `\(operationID)`: \(error.causeDescription)")
        } catch let error as ServerError {
            if error.underlyingError is CancellationError { throw CancellationError() }
            logger.error("Could not answer an API request", metadata: ["api.operation": "\(operationID)", "error": "\(describeStoreFailure(error.underlyingError))"])
            return try Self.answer(.serviceUnavailable, "Klaxon could not record or read that: its database did not answer; try again", retryAfter: 5)
        }
    }

    private static func answer(_ status: HTTPResponse.Status, _ detail: String, retryAfter: Int? = nil) throws -> (HTTPResponse, HTTPBody?) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return (HTTPResponse(status: status, headerFields: headers), HTTPBody(try encoder.encode(APIRepresentation.problem(status, detail))))
    }
}
