import Foundation
import KlaxonServer
import Testing

@Suite struct APITokenFileTests {
    /// SHA-256 of "test", computed by `printf test | sha256sum`, not by the code under test.
    static let testDigest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

    @Test func aWellFormedFileGivesEachTokenItsNameAndScopes() throws {
        let tokens = try APITokenFile.parse("""
            tokens:
              - name: ci            # shown in the timeline as api:ci
                sha256: \(Self.testDigest)
                scopes: [read, write, alerts]
              - {name: grafana, sha256: \(String(repeating: "ab", count: 32)), scopes: [alerts]}
            """, file: "tokens.yaml")
        #expect(tokens.tokens.map(\.name) == ["ci", "grafana"])
        #expect(tokens.tokens.map(\.scopes) == [[.read, .write, .alerts], [.alerts]])
    }

    @Test(arguments: [
        ("tokens:\n  - {name: ci, sha256: abc, scopes: [read]}\n", 2, "64 hex digits"),
        ("tokens:\n  - name: ci\n    sha256: \(testDigest)\n    scopes: [read, admin]\n", 4, "`admin` is not a scope"),
        ("tokens:\n  - name: ci\n    sha256: \(testDigest)\n", 2, "`scopes`"),
        ("tokens:\n  - name: ci\n    sha256: \(testDigest)\n    scopes: [read]\n    token: hunter2\n", 5, "unknown key `token`"),
        ("tokens:\n  - name: 'a b'\n    sha256: \(testDigest)\n    scopes: [read]\n", 2, "`name`"),
        ("tokens:\n  - {name: a, sha256: \(testDigest), scopes: [read]}\n  - {name: a, sha256: \(String(repeating: "0", count: 64)), scopes: [read]}\n", 3, "second token named `a`"),
        ("tokens:\n  - {name: a, sha256: \(testDigest), scopes: [read]}\n  - {name: b, sha256: \(testDigest), scopes: [read]}\n", 3, "same sha256"),
        ("tokens:\n  - {name: a, sha256: \(String(repeating: "+f", count: 32)), scopes: [read]}\n", 2, "64 hex digits"),
        ("tokens:\n  - {name: a\n", 3, "not valid YAML"),
        ("token:\n  - {name: a, sha256: \(testDigest), scopes: [read]}\n", 1, "expected `tokens:`"),
    ])
    func aMalformedFileIsRefusedWithItsFileAndLine(text: String, line: Int, problem: String) {
        #expect {
            try APITokenFile.parse(text, file: "/etc/klaxon/tokens.yaml")
        } throws: { error in
            guard let error = error as? APITokenFile.Problem else { return false }
            return error.file == "/etc/klaxon/tokens.yaml" && error.line == line && error.problem.contains(problem)
                && error.description.hasPrefix("/etc/klaxon/tokens.yaml:\(line): ")
        }
    }

    @Test func aMalformedFileStopsStartUpNamingTheVariableFileAndLine() throws {
        let path = NSTemporaryDirectory() + "klaxon-tokens-\(UUID().uuidString).yaml"
        try "tokens:\n  - {name: ci, sha256: nothex, scopes: [read]}\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            try ConfigurationLoader(environment: ["KLAXON_API_TOKENS_FILE": path]).load()
        } throws: { error in
            (error as? ConfigurationError)?.message.hasPrefix("KLAXON_API_TOKENS_FILE: \(path):2: ") == true
        }
    }

    @Test func theConfiguredFileIsLoadedAtStartUp() throws {
        let path = NSTemporaryDirectory() + "klaxon-tokens-\(UUID().uuidString).yaml"
        try "tokens:\n  - {name: ci, sha256: \(Self.testDigest), scopes: [read]}\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let configuration = try ConfigurationLoader(environment: ["KLAXON_API_TOKENS_FILE": path]).load()
        #expect(configuration.apiTokens.tokens.map(\.name) == ["ci"])
    }
}
