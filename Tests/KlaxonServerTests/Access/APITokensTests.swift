import Foundation
import KlaxonServer
import Testing

@Suite struct APITokensTests {
    /// The tokens "test" (read, alerts) and "other" (write), by their SHA-256 from `printf … | sha256sum`.
    static let tokens = try! APITokenFile.parse("""
        tokens:
          - {name: ci, sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, scopes: [read, alerts]}
          - {name: bot, sha256: d9298a10d1b0735837dc4bd85dac641b0f3cef27a47e5d53a54f2f3f5b2fcffa, scopes: [write]}
        """, file: "tokens.yaml")

    @Test(arguments: [
        ("Bearer test", TokenScope.read, "ci"),
        ("bearer test", TokenScope.alerts, "ci"),
        ("Bearer other", TokenScope.write, "bot"),
    ])
    func aKnownTokenWithTheScopeIsLetIn(header: String, scope: TokenScope, name: String) throws {
        #expect(try Self.tokens.authorize(header, for: scope).get().name == name)
    }

    @Test(arguments: [nil, "", "Bearer", "Bearer ", "Basic dGVzdA==", "Bearer tes", "Bearer test ", "Bearer TEST", "test"])
    func aMissingOrWrongTokenIsUnauthenticated(header: String?) {
        #expect(Self.tokens.authorize(header, for: .read) == .failure(.unauthenticated))
    }

    @Test func aKnownTokenWithoutTheScopeIsForbiddenNamingTheScope() {
        #expect(Self.tokens.authorize("Bearer test", for: .write) == .failure(.missingScope(token: "ci", needs: .write)))
        #expect(Self.tokens.authorize("Bearer other", for: .alerts) == .failure(.missingScope(token: "bot", needs: .alerts)))
    }

    @Test func noTokensFileLetsNobodyIn() {
        #expect(APITokens().authorize("Bearer test", for: .read) == .failure(.unauthenticated))
    }

    @Test func aCreatedTokenIsAcceptedThroughTheLineItPrints() throws {
        let made = try #require(APIToken.create(name: "deploy-bot", scopes: [.write, .read]))
        #expect(made.token.hasPrefix("klx_") && made.token.count > 40)
        let file = try APITokenFile.parse("tokens:\n" + made.entry.fileEntry + "\n", file: "t.yaml")
        #expect(try file.authorize("Bearer \(made.token)", for: .write).get().name == "deploy-bot")
        #expect(file.authorize("Bearer \(made.token)", for: .alerts) == .failure(.missingScope(token: "deploy-bot", needs: .alerts)))
        #expect(!made.entry.fileEntry.contains(made.token))
    }

    @Test func twoCreatedTokensDiffer() throws {
        let first = try #require(APIToken.create(name: "a", scopes: [.read]))
        let second = try #require(APIToken.create(name: "a", scopes: [.read]))
        #expect(first.token != second.token)
    }

    @Test(arguments: ["", "a b", "api:ci", String(repeating: "x", count: 65)])
    func aNameTheFileWouldRefuseMakesNoToken(name: String) {
        #expect(APIToken.create(name: name, scopes: [.read]) == nil)
    }

    @Test(arguments: [
        ("read,write", Result<Set<TokenScope>, TokenScope.UnknownScope>.success([.read, .write])),
        ("alerts", .success([.alerts])),
        ("read, admin", .failure(TokenScope.UnknownScope(word: "admin"))),
    ])
    func scopesAreReadFromACommaSeparatedList(text: String, expected: Result<Set<TokenScope>, TokenScope.UnknownScope>) {
        #expect(TokenScope.list(text) == expected)
    }
}
