import Foundation
import HTTPTypes
import KlaxonAPI
import OpenAPIRuntime

/// Turns a request the generated code could not decode (a malformed body, a query value of the wrong type) into a
/// 400 problem, rather than the 500 an unhandled error becomes. Anything failing after decoding stays a 500: the
/// handlers answer every expected failure themselves.
struct APIErrorMiddleware: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        do {
            return try await next(request, body, metadata)
        } catch let error as ServerError where error.operationInput == nil {
            let problem = APIRepresentation.problem(.badRequest, "the request does not match openapi.yaml's `\(operationID)`: \(error.causeDescription)")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (
                HTTPResponse(status: .badRequest, headerFields: [.contentType: "application/problem+json"]),
                HTTPBody(try encoder.encode(problem))
            )
        }
    }
}
