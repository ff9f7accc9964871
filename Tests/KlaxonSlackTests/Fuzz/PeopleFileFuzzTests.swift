import Foundation
import KlaxonFuzzSupport
import KlaxonPolicy
import KlaxonSlack
import PropertyBased
import Testing

/// Mutated people files: each loads or is refused with a typed error naming the file; a role's Slack mention is a
/// channel-wide one only where the file says so (`!channel`, `!here`).
@Suite struct PeopleFileFuzzTests {
    static let seed = """
        cto:
          slack: U0123ABCD
          discord: "80351110224678912"
          email: cto@example.com
        security-team:
          slack: [S0SECURITY]
          discord: ["role:41771983423143936"]
          email: [security@example.com, legal@example.com]
        everyone:
          slack: "!channel"
        """

    @Test func mutatedPeopleFilesLoadOrAreRefusedAndMentionOnlyWhomTheySay() async throws {
        let path = NSTemporaryDirectory() + "klaxon-people-fuzz-\(UUID().uuidString).yml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var mutator = Mutator(seed: seed)
            let text = mutator.mutate(Array(Self.seed.utf8), rounds: 5)
            FileManager.default.createFile(atPath: path, contents: Data(text))
            let people: PeopleDirectory
            do throws(PolicyErrors) {
                people = try PeopleDirectory.load(path: path, roles: ["cto": "CTO", "security-team": "Security team", "everyone": "Everyone"])
            } catch {
                #expect(error.errors.allSatisfy { $0.file == path })
                return
            }
            let dialect = SlackDialect(roleIDs: people.slackIDs)
            for (role, contacts) in people.roles {
                let mention = dialect.mention(role: role, description: role)
                let asked = contacts.slack.filter { ["!channel", "!here"].contains($0) }.count
                #expect(LiveBroadcasts.slack(mention) <= asked, "\(role): \(mention)")
            }
        }
    }
}
