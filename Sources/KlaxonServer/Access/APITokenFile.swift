import Foundation
import Yams

/// Reads the tokens file (`KLAXON_API_TOKENS_FILE`):
///
/// ```yaml
/// tokens:
///   - name: ci            # shown in the timeline as api:ci
///     sha256: 9f86d0…     # hex SHA-256 of the token
///     scopes: [read, write, alerts]
/// ```
public enum APITokenFile {
    /// A mistake in the tokens file, with the file and line; stops start-up. Never holds a token.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let file: String
        public let line: Int?
        public let problem: String

        public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(problem)" }
    }

    /// Loads and checks the file at `path`.
    public static func load(path: String) throws(Problem) -> APITokens {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Problem(file: path, line: nil, problem: "cannot read the API tokens file")
        }
        return try parse(text, file: path)
    }

    /// Checks the text of a tokens file; `file` names it in problems.
    public static func parse(_ text: String, file: String) throws(Problem) -> APITokens {
        func problem(_ node: Node?, _ message: String) -> Problem {
            Problem(file: file, line: node?.mark?.line, problem: message)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Problem(file: file, line: line(of: error), problem: "not valid YAML")
        } catch {
            throw Problem(file: file, line: nil, problem: "not valid YAML")
        }
        guard let mapping = root?.mapping, let list = mapping["tokens"] else {
            throw problem(root, "expected `tokens:` with a list of `{name, sha256, scopes}`")
        }
        if let extra = mapping.keys.first(where: { $0.string != "tokens" }) {
            throw problem(extra, "unknown key `\(extra.string ?? "")`; the file has only `tokens:`")
        }
        guard let entries = list.sequence else { throw problem(list, "`tokens` must be a list") }
        var tokens: [APIToken] = []
        for node in entries {
            let token = try entry(node, problem: problem)
            if tokens.contains(where: { $0.name == token.name }) { throw problem(node, "a second token named `\(token.name)`") }
            if tokens.contains(where: { $0.digest == token.digest }) { throw problem(node, "the same sha256 as an earlier token") }
            tokens.append(token)
        }
        return APITokens(tokens)
    }

    private static func entry(_ node: Node, problem: (Node?, String) -> Problem) throws(Problem) -> APIToken {
        guard let fields = node.mapping else { throw problem(node, "each token is `{name, sha256, scopes}`") }
        if let extra = fields.keys.first(where: { !["name", "sha256", "scopes"].contains($0.string ?? "") }) {
            throw problem(extra, "unknown key `\(extra.string ?? "")`; a token has name, sha256 and scopes")
        }
        guard let nameNode = fields["name"], let name = nameNode.string, APIToken.isValidName(name) else {
            throw problem(fields["name"] ?? node, "a token needs a `name` of letters, digits, `-`, `_` or `.`")
        }
        guard let hashNode = fields["sha256"], let hex = hashNode.string, hex.count == 64, let digest = bytes(hex) else {
            throw problem(fields["sha256"] ?? node, "token `\(name)`: `sha256` must be 64 hex digits (the SHA-256 of the token, not the token)")
        }
        guard let scopeNode = fields["scopes"], let words = scopeNode.sequence?.compactMap(\.string), !words.isEmpty else {
            throw problem(fields["scopes"] ?? node, "token `\(name)`: `scopes` must list one or more of read, write, alerts")
        }
        var scopes: Set<TokenScope> = []
        for word in words {
            guard let scope = TokenScope(rawValue: word) else { throw problem(scopeNode, "token `\(name)`: \(TokenScope.UnknownScope(word: word))") }
            scopes.insert(scope)
        }
        return APIToken(name: name, digest: digest, scopes: scopes)
    }

    private static func bytes(_ hex: String) -> Data? {
        guard hex.allSatisfy(\.isHexDigit) else { return nil }
        var data = Data()
        var digits = hex.lowercased().makeIterator()
        while let high = digits.next() {
            guard let low = digits.next(), let byte = UInt8(String([high, low]), radix: 16) else { return nil }
            data.append(byte)
        }
        return data
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }
}
