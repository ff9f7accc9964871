import Crypto
import Foundation

/// Checks the token Mattermost sends with each slash command (it does not sign requests): `Authorization: Token …`
/// or the form's `token` field, compared in constant time.
public struct MattermostTokenVerifier: Sendable {
    /// Why a request was refused; never includes either token.
    public enum Failure: Error, Equatable, Sendable {
        case missingToken
        case badToken

        /// A short reason for the 401 response.
        public var reason: String {
            switch self {
            case .missingToken: "missing Mattermost command token"
            case .badToken: "invalid Mattermost command token"
            }
        }
    }

    /// The expected token's digest: comparing digests takes the same time whatever the tokens' lengths.
    private let expected: SHA256Digest

    public init(token: String) {
        self.expected = SHA256.hash(data: Data(token.utf8))
    }

    /// Accepts the request when the header's or the form's token is the configured one.
    public func verify(authorization: String?, body: some DataProtocol) throws(Failure) {
        // The form's token is read from its own field: a body malformed elsewhere, sent with the right token, is
        // then refused as malformed (400) once it is read, and with a wrong one as unauthenticated (401).
        guard let presented = Self.token(authorization: authorization) ?? URLEncodedForm.field("token", in: body), !presented.isEmpty
        else { throw .missingToken }
        let digest = SHA256.hash(data: Data(presented.utf8))
        var difference: UInt8 = 0
        for (left, right) in zip(digest, expected) { difference |= left ^ right }
        guard difference == 0 else { throw .badToken }
    }

    /// The token of an `Authorization: Token <token>` header.
    static func token(authorization: String?) -> String? {
        guard let authorization, authorization.lowercased().hasPrefix("token ") else { return nil }
        return String(authorization.dropFirst(6)).trimmingCharacters(in: .whitespaces)
    }
}
