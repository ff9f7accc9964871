import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An error answered as RFC 9457 problem details (`application/problem+json`): a status, a short title, and a
/// `detail` that says what to fix. Never carries a secret or the request's body.
public struct Problem: HTTPResponseError, Equatable {
    public let status: HTTPResponse.Status
    /// What went wrong, in words for the person who sent the request.
    public let detail: String
    /// Extra headers (`WWW-Authenticate`, `Retry-After`).
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ detail: String, headers: HTTPFields = [:]) {
        self.status = status
        self.detail = detail
        self.headers = headers
    }

    /// The body as RFC 9457 lays it out; `type` is left to its default, `about:blank`, so `title` is the status's.
    struct Body: Codable, Equatable {
        let type: String
        let title: String
        let status: Int
        let detail: String
    }

    var body: Body {
        Body(type: "about:blank", title: status.reasonPhrase, status: status.code, detail: detail)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(body))))
    }

    /// 401 with the challenge RFC 6750 asks for.
    static func unauthenticated(_ detail: String = "send `Authorization: Bearer <token>` with a token from KLAXON_API_TOKENS_FILE") -> Problem {
        Problem(.unauthorized, detail, headers: [.wwwAuthenticate: #"Bearer realm="klaxon""#])
    }

    /// The problem for a refused token.
    static func refused(_ refusal: APITokens.Refusal) -> Problem {
        switch refusal {
        case .unauthenticated:
            unauthenticated()
        case .missingScope(let token, let scope):
            Problem(.forbidden, "the token `\(token)` lacks the `\(scope.rawValue)` scope this needs", headers: [
                .wwwAuthenticate: #"Bearer realm="klaxon", error="insufficient_scope", scope="\#(scope.rawValue)""#,
            ])
        }
    }
}
