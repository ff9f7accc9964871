import Crypto
import Foundation

/// The tokens the API and the alert hooks accept, checked against `Authorization: Bearer <token>`.
public struct APITokens: Sendable, Equatable {
    public let tokens: [APIToken]

    public init(_ tokens: [APIToken] = []) {
        self.tokens = tokens
    }

    /// Why a request was not let in.
    public enum Refusal: Error, Equatable {
        /// No bearer token, or one that matches no entry: 401.
        case unauthenticated
        /// A known token without the scope the route needs: 403.
        case missingScope(token: String, needs: TokenScope)
    }

    /// The token a request's `Authorization` header carries, if it has the scope.
    ///
    /// Every entry's digest is compared, in constant time (swift-crypto's digest comparison), whether or not an
    /// earlier one matched: how long the check takes says nothing about which entry, or how much of it, matched.
    public func authorize(_ authorization: String?, for scope: TokenScope) -> Result<APIToken, Refusal> {
        guard let presented = Self.bearer(authorization) else { return .failure(.unauthenticated) }
        let digest = SHA256.hash(data: Data(presented.utf8))
        var found: APIToken?
        for token in tokens where digest == token.digest {
            found = token
        }
        guard let found else { return .failure(.unauthenticated) }
        guard found.scopes.contains(scope) else { return .failure(.missingScope(token: found.name, needs: scope)) }
        return .success(found)
    }

    /// The token of a `Bearer` header (the scheme in any case, as RFC 9110 allows).
    static func bearer(_ header: String?) -> Substring? {
        guard let header, header.count > 7, header.prefix(7).lowercased() == "bearer " else { return nil }
        let token = header.dropFirst(7).drop { $0 == " " }
        return token.isEmpty ? nil : token
    }
}
