/// What an API token may do; a route names the scope it needs.
public enum TokenScope: String, CaseIterable, Codable, Sendable, Comparable {
    /// Read incidents, timelines, reports and the policy.
    case read
    /// Declare incidents and run commands on them.
    case write
    /// Send alerts to `/hooks/alertmanager` and `/hooks/grafana`.
    case alerts

    public static func < (lhs: TokenScope, rhs: TokenScope) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Scopes from a comma-separated list (`read,write`), or the first word that is not a scope.
    public static func list(_ text: String) -> Result<Set<TokenScope>, UnknownScope> {
        var scopes: Set<TokenScope> = []
        for word in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !word.isEmpty {
            guard let scope = TokenScope(rawValue: word) else { return .failure(UnknownScope(word: word)) }
            scopes.insert(scope)
        }
        return .success(scopes)
    }

    /// A word that names no scope.
    public struct UnknownScope: Error, Equatable, CustomStringConvertible {
        public let word: String

        public init(word: String) {
            self.word = word
        }

        public var description: String {
            "`\(word)` is not a scope; the scopes are \(TokenScope.allCases.map(\.rawValue).joined(separator: ", "))"
        }
    }
}
