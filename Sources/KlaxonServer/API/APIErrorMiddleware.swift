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
            return try Self.answer(.badRequest, Self.mismatch(error, in: request, operationID: operationID))
        } catch let error as ServerError {
            if error.underlyingError is CancellationError { throw CancellationError() }
            logger.error("Could not answer an API request", metadata: ["api.operation": "\(operationID)", "error": "\(describeStoreFailure(error.underlyingError))"])
            return try Self.answer(.serviceUnavailable, "Klaxon could not record or read that: its database did not answer; try again", retryAfter: 5)
        }
    }

    /// What does not match, for the script's author: the field the decoder names, else the query as sent; never the
    /// decoder's own words (Swift's error and type names).
    static func mismatch(_ error: ServerError, in request: HTTPRequest, operationID: String) -> String {
        let base = "the request does not match openapi.yaml's `\(operationID)`"
        // What the request itself shows first: an incident number that is not one, a body that is not JSON.
        let segments = (request.path ?? "").split(separator: "?", maxSplits: 1).first.map { $0.split(separator: "/") } ?? []
        // Digits too many for a 64-bit number are not one either.
        if segments.count > 3, segments[0...2] == ["api", "v1", "incidents"], !segments[3].allSatisfy({ $0.isASCII && $0.isNumber }) || segments[3].count > 18 {
            return base + ": `\(segments[3].prefix(40))` is not an incident number (like `/api/v1/incidents/3`)"
        }
        // Without a Content-Type the body is read as JSON; with another one it is not.
        if request.method == .post, let type = request.headerFields[.contentType], !type.lowercased().hasPrefix("application/json") {
            return base + ": send the body as JSON, with `Content-Type: application/json`"
        }
        let decoding = decodingError(in: error.underlyingError)
        let path = decoding.map(codingPath) ?? []
        if case .keyNotFound? = decoding, !path.isEmpty { return base + ": `\(path.joined(separator: "."))` is missing" }
        if let field = path.last {
            // The bodies take no other fields (`additionalProperties: false`): one the document does not name is a typo.
            if path.count == 1, let known = bodyFields[operationID], !known(field) {
                return base + ": `\(field.prefix(40))` is not a field it takes"
            }
            guard let values = allowedValues[field] else { return base + ": `\(path.joined(separator: "."))` is not a value the document allows for `\(field)`" }
            return base + ": `\(path.joined(separator: "."))` must be one of \(listed(values))"
        }
        if let query = request.path?.split(separator: "?", maxSplits: 1).dropFirst().first, !query.isEmpty {
            // A name the document lists the values of, with a value not among them: the list is what the author needs.
            for pair in query.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, let values = allowedValues[String(parts[0])], !values.contains(String(parts[1])) else { continue }
                return base + ": `\(pair.prefix(60))` in the query: `\(parts[0])` must be one of \(listed(values))"
            }
            return base + ": a value in the query (`\(query)`) is not one the document allows"
        }
        return base + ": its body is not what the document describes"
    }

    /// Whether a top-level field is one of the operation's body, by operation.
    static let bodyFields: [String: @Sendable (String) -> Bool] = [
        "declareIncident": { Components.Schemas.Declaration.CodingKeys(rawValue: $0) != nil },
        "runCommand": { Components.Schemas.Command.CodingKeys(rawValue: $0) != nil },
    ]

    /// The values of the document's enumerated fields and query parameters, by name.
    static let allowedValues: [String: [String]] = [
        "severity": Components.Schemas.Severity.allCases.map(\.rawValue),
        "kind": Components.Schemas.Kind.allCases.map(\.rawValue),
        "state": Operations.ListIncidents.Input.Query.StatePayload.allCases.map(\.rawValue),
    ]

    private static func listed(_ values: [String]) -> String {
        let quoted = values.map { "`\($0)`" }
        return quoted.dropLast().joined(separator: ", ") + " or " + quoted[quoted.count - 1]
    }

    /// The decoding error behind an OpenAPI runtime error, which wraps it one level down.
    private static func decodingError(in error: any Error) -> DecodingError? {
        if let decoding = error as? DecodingError { return decoding }
        return Mirror(reflecting: error).children.lazy.compactMap { $0.value as? DecodingError }.first
    }

    private static func codingPath(_ error: DecodingError) -> [String] {
        let context: DecodingError.Context? = switch error {
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context): context
        case .keyNotFound(let key, let context): DecodingError.Context(codingPath: context.codingPath + [key], debugDescription: "")
        @unknown default: nil
        }
        return (context?.codingPath ?? []).map { $0.intValue.map(String.init) ?? $0.stringValue }
    }

    private static func answer(_ status: HTTPResponse.Status, _ detail: String, retryAfter: Int? = nil) throws -> (HTTPResponse, HTTPBody?) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return (HTTPResponse(status: status, headerFields: headers), HTTPBody(try encoder.encode(APIRepresentation.problem(status, detail))))
    }
}
