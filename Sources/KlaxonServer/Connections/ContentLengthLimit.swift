import HTTPTypes
import Hummingbird

/// Refuses at once (413) a request whose announced `Content-Length` is over the limit, before reading any of it, and
/// asks for the connection to be closed rather than drained: a client announcing a terabyte gets its answer now.
struct ContentLengthLimit: Sendable {
    /// Paths (by prefix) with a limit and an answer of their own: the alert hooks take whole alert groups, and the
    /// hooks and the API answer every error with a problem document (RFC 9457), this one too.
    struct Allowance: Sendable {
        let prefix: String
        let limit: Int
        let refusal: Problem
    }

    let maxBodySize: Int
    var allowances: [Allowance] = []

    /// Throws the refusal for a request that announces a body over its path's limit.
    func check(_ request: Request) throws {
        guard let announced = request.headers.value(.contentLength) else { return }
        // By bytes: `String.hasPrefix` compares by characters, which showed in the profile of every request.
        let path = request.uri.path.utf8
        let allowance = allowances.first { path.starts(with: $0.prefix.utf8) }
        guard Self.exceeds(announced, limit: allowance?.limit ?? maxBodySize) else { return }
        if let allowance { throw allowance.refusal }
        throw HTTPError(.contentTooLarge, headers: [.connection: "close"], message: "the body is larger than \(maxBodySize) bytes")
    }

    /// Whether an announced length is over `limit`; one too long for an `Int` is over any limit. A length that is not a
    /// number is the HTTP parser's to refuse.
    static func exceeds(_ announced: String, limit: Int) -> Bool {
        let digits = announced.utf8
        guard !digits.isEmpty, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return false }
        let significant = digits.drop { $0 == UInt8(ascii: "0") }
        guard significant.count <= 18 else { return true }
        return significant.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } > limit
    }
}
